import { randomUUID } from 'node:crypto';
import { enqueueTmfEvent, type Executor, type TmfApi } from '@patron/db';

export const TMF_EVENT_KINDS = ['Create', 'AttributeValueChange', 'StateChange', 'Delete'] as const;
export type TmfEventKind = (typeof TMF_EVENT_KINDS)[number];

export interface TmfResourceEvent {
  api: TmfApi;
  /** lowerCamelCase resource name: the key of the resource inside `event` (troubleTicket, customer…). */
  resource: string;
  kind: TmfEventKind;
  /** TMF621 names its state event StatusChange; the other APIs say StateChange. */
  eventName?: string;
  body: { id: string; [attribute: string]: unknown };
  /** Attribute names an AttributeValueChange is about. */
  fieldPath?: readonly string[];
  orgPath: string;
  at: Date;
}

/** `troubleTicket` + `StateChange` → `TroubleTicketStateChangeEvent`. */
export function eventTypeOf(resource: string, kind: TmfEventKind, eventName?: string): string {
  return `${resource[0]!.toUpperCase()}${resource.slice(1)}${eventName ?? kind}Event`;
}

/**
 * Writes a TMF v4 event envelope to the outbox in the caller's transaction. `timeOcurred` is the v4
 * spelling; `@type` repeats the event type for v5 listeners.
 */
export async function publishTmfEvent(tx: Executor, event: TmfResourceEvent): Promise<void> {
  const eventType = eventTypeOf(event.resource, event.kind, event.eventName);
  const at = event.at.toISOString();
  await enqueueTmfEvent(tx, {
    api: event.api,
    resourceKey: `${event.resource}/${event.body.id}`,
    eventType,
    orgPath: event.orgPath,
    occurredAt: event.at,
    payload: {
      '@type': eventType,
      eventId: randomUUID(),
      eventTime: at,
      eventType,
      timeOcurred: at,
      ...(event.fieldPath ? { fieldPath: event.fieldPath.join(',') } : {}),
      event: { [event.resource]: event.body },
    },
  });
}
