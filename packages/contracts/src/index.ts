export * from './common';
export * from './identity';
export * from './customers';
