import type { QueryParams } from './http-client';

// One place for cache keys, so a mutation invalidates exactly what its list pages read.
export const queryKeys = {
  me: ['auth', 'me'] as const,
  health: ['health'] as const,
  orgUnits: ['org-units'] as const,
  users: (query?: QueryParams) => (query ? (['users', query] as const) : (['users'] as const)),
  roles: ['roles'] as const,
  apiTokens: (query?: QueryParams) => (query ? (['api-tokens', query] as const) : (['api-tokens'] as const)),
  audit: (query?: QueryParams) => (query ? (['audit-events', query] as const) : (['audit-events'] as const)),
  jobs: (query?: QueryParams) => (query ? (['jobs', query] as const) : (['jobs'] as const)),
  customers: (query?: QueryParams) => (query ? (['customers', query] as const) : (['customers'] as const)),
  customer: (customerId: string) => ['customers', 'detail', customerId] as const,
  dashboard: ['dashboard', 'summary'] as const,
  managerLoad: (query?: QueryParams) => (query ? (['managers', 'load', query] as const) : (['managers', 'load'] as const)),
  savedFilters: ['saved-filters'] as const,
};
