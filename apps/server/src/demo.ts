import { seedDemo, type Database } from '@patron/db';
import { hashPassword } from './modules/auth/password';

/** Seeds the demo province with one shared password for every demo user; returns a one-line summary. */
export async function seedDemoData(db: Database, password: string): Promise<string> {
  const summary = await seedDemo(db, { passwordHash: await hashPassword(password) });
  return `${summary.orgUnits} org units, ${summary.users} users, ${summary.customers} customers`;
}
