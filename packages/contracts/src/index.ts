export * from './common';
export * from './identity';
export * from './customers';
export * from './imports';
export * from './calendar';
export * from './sla';
export * from './work-orders';
export * from './tmf';
