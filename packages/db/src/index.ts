export { sql, type SQL } from 'drizzle-orm';
export * from './database';
export * from './migrate';
export * from './repositories/index';
export * from './jobs/index';
export * from './demo/index';
