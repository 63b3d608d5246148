import type { LocaleResources } from './zh-CN';

export const tmfEn: Pick<LocaleResources, 'tmfHubs'> = {
  tmfHubs: {
    title: 'TMF event listeners',
    description:
      'Callbacks that integration clients registered through the TM Forum Open APIs (/tmf-api/…/hub). A listener whose deliveries keep failing is marked failing; its events are retried with backoff until they get through or the registration is removed.',
    allEvents: 'All events',
    states: {
      active: 'Active',
      failing: 'Failing',
      removed: 'Removed',
    },
    columns: {
      id: 'ID',
      api: 'API',
      callback: 'Callback',
      events: 'Event types',
      owner: 'Integration client',
      state: 'State',
      failures: 'Failures in a row',
      pending: 'Pending',
      lastSuccessAt: 'Last success',
      lastError: 'Last error',
    },
  },
};
