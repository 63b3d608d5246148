import { buildApiUrl, http, type QueryParams } from './http-client';
import type { AppLocale } from '../i18n/locale';
import type {
  ApiToken,
  AuditEvent,
  CreatedApiToken,
  ArchiveReason,
  AssignReply,
  Customer,
  CustomerDetail,
  DashboardSummary,
  DataScope,
  Health,
  Job,
  LoginReply,
  OrgUnit,
  OrgUnitKind,
  ManagerLoadReply,
  ReassignmentTask,
  Page,
  PiiField,
  Role,
  SavedFilter,
  SessionUser,
  UnmaskReply,
  User,
} from './types';

const id = (value: string | number) => encodeURIComponent(String(value));

export const authApi = {
  login: (username: string, password: string) => http.post<LoginReply>('/auth/login', { username, password }),
  logout: () => http.post<void>('/auth/logout'),
  me: (signal?: AbortSignal) => http.get<{ user: SessionUser }>('/auth/me', undefined, signal),
  updateMe: (patch: { locale: AppLocale }) => http.patch<{ user: SessionUser }>('/auth/me', patch),
};

export const orgUnitsApi = {
  // The whole tree in one call: the contract allows 1000 units per page, enough for a province.
  list: (signal?: AbortSignal) => http.get<Page<OrgUnit>>('/org-units', { pageSize: 1000 }, signal),
  create: (body: { code: string; name: string; kind: OrgUnitKind; parentCode: string | null }) => http.post<OrgUnit>('/org-units', body),
  update: (code: string, body: { name?: string; active?: boolean; sortOrder?: number }) => http.patch<OrgUnit>(`/org-units/${id(code)}`, body),
};

export interface UserCreateBody {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  orgUnitCode: string;
  phone?: string;
  email?: string;
}
export interface UserUpdateBody {
  displayName?: string;
  roles?: string[];
  orgUnitCode?: string;
  active?: boolean;
  phone?: string | null;
  email?: string | null;
}

export const usersApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<User>>('/users', query, signal),
  create: (body: UserCreateBody) => http.post<User>('/users', body),
  update: (userId: User['id'], body: UserUpdateBody) => http.patch<User>(`/users/${id(userId)}`, body),
  setPassword: (userId: User['id'], password: string) => http.post<void>(`/users/${id(userId)}/password`, { password }),
};

export const rolesApi = {
  list: (signal?: AbortSignal) => http.get<Page<Role>>('/roles', undefined, signal),
  update: (code: string, body: { dataScope?: DataScope; unmaskedFields?: string[]; unmaskableFields?: string[]; permissions?: string[] }) =>
    http.patch<Role>(`/roles/${id(code)}`, body),
};

export const apiTokensApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<ApiToken>>('/api-tokens', query, signal),
  create: (body: { name: string; role: string; orgUnitCode: string; expiresInDays?: number }) => http.post<CreatedApiToken>('/api-tokens', body),
  revoke: (tokenId: ApiToken['id']) => http.delete(`/api-tokens/${id(tokenId)}`),
};

export const auditApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<AuditEvent>>('/audit-events', query, signal),
};

export const jobsApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<Job>>('/jobs', query, signal),
};

export const customersApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<Customer>>('/customers', query, signal),
  get: (customerId: string, signal?: AbortSignal) => http.get<Customer>(`/customers/${id(customerId)}`, undefined, signal),
  detail: (customerId: string, signal?: AbortSignal) => http.get<CustomerDetail>(`/customers/${id(customerId)}`, undefined, signal),
  unmask: (customerId: string, body: { fields: PiiField[]; reason: string }) => http.post<UnmaskReply>(`/customers/${id(customerId)}/unmask`, body),
  archive: (customerId: string, body: { reason: ArchiveReason; competitor?: string; note?: string }) =>
    http.post<Customer>(`/customers/${id(customerId)}/archive`, body),
  restore: (customerId: string, body: { note?: string }) => http.post<Customer>(`/customers/${id(customerId)}/restore`, body),
  assign: (body: { customerIds: number[]; accountManager: string; override?: { reason: string } }) => http.post<AssignReply>('/customers/assign', body),
  /** The export is a file download, so the page links to it rather than fetching it. */
  exportUrl: (format: 'csv' | 'xlsx', query: QueryParams) => buildApiUrl('/customers/export', { ...query, format }),
};

export const managersApi = {
  load: (query: QueryParams, signal?: AbortSignal) => http.get<ManagerLoadReply>('/managers/load', query, signal),
  reassignmentTasks: () => http.get<{ items: ReassignmentTask[] }>('/reassignment-tasks'),
  completeReassignmentTask: (id: number) => http.post<void>(`/reassignment-tasks/${id}/transitions`, { event: 'done' }),
};

export const savedFiltersApi = {
  list: (signal?: AbortSignal) => http.get<{ items: SavedFilter[] }>('/saved-filters', undefined, signal),
  create: (body: { name: string; filters: Record<string, unknown>; shared: boolean }) => http.post<SavedFilter>('/saved-filters', body),
  remove: (filterId: number) => http.delete(`/saved-filters/${id(filterId)}`),
};

export const dashboardApi = {
  summary: (signal?: AbortSignal) => http.get<DashboardSummary>('/dashboard/summary', undefined, signal),
};

export const healthApi = {
  get: (signal?: AbortSignal) => http.get<Health>('/health', undefined, signal),
};
