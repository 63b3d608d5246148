export * from './access/index';
export * from './masking/pii-mask';
export * from './validation/validation-issue';
export * from './validation/dates';
export * from './validation/resident-id';
export * from './validation/uscc';
export * from './validation/phone';
export * from './search/search-keys';
