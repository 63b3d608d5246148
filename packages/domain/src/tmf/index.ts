export * from './trouble-ticket-status';
export * from './complaint-ticket-status';
