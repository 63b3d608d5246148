export * from './trouble-ticket-status';
