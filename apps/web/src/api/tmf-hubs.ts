// TMF event listeners (hubs) as admins see them; mirrors packages/contracts/src/tmf.ts.
import { http } from './http-client';

export const tmfHubStates = ['active', 'failing', 'removed'] as const;
export type TmfHubState = (typeof tmfHubStates)[number];

export interface TmfHub {
  id: number;
  api: 'troubleTicket' | 'customerManagement' | 'party' | 'appointment';
  callback: string;
  query: string | null;
  eventTypes: string[] | null;
  owner: string;
  orgPath: string;
  state: TmfHubState;
  consecutiveFailures: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
  pendingDeliveries: number;
}

export const tmfHubsApi = {
  list: (signal?: AbortSignal) => http.get<{ items: TmfHub[] }>('/tmf-hubs', undefined, signal),
};

export const tmfHubsQueryKey = ['tmfHubs'] as const;
