/**
 * Login and an authorized customer-list request against Patron on the demo data, next to a bare Fastify
 * route measured in the same run: what authentication, scoping and serialization cost per request.
 *   npm run bench -- auth [--seconds 5] [--postgres]
 */
import Fastify from 'fastify';
import { openDatabase, type Database } from '@patron/db';
import { openTestDatabase } from '@patron/db/testing';
import { buildApp, loadConfig, prepareDatabase } from '@patron/server';
import { measureThroughput, peakRssMb, report } from './support/load';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;
const usePostgres = process.argv.includes('--postgres');
const password = 'Bench#2026pass';

async function database(): Promise<Database> {
  if (usePostgres) return openTestDatabase('postgresql');
  return openDatabase({});
}

const db = await database();
const config = loadConfig({ PATRON_DATA_DIR: '/nonexistent', PATRON_ADMIN_PASSWORD: password, PATRON_DEMO_PASSWORD: password, PATRON_DEMO: '1', PATRON_JOBS: '0' });
await prepareDatabase(db, config, () => undefined);
const app = await buildApp({ db, config, now: () => new Date(), version: 'bench' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify();
bare.get('/api/v1/customers', async () => ({ items: [], total: 0, page: 1, pageSize: 20 }));
const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

async function login(): Promise<string> {
  const response = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'am01', password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

const token = await login();
const list = async () => {
  const response = await fetch(`${address}/api/v1/customers?pageSize=20&page=2`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`list failed: ${response.status}`);
  await response.arrayBuffer();
};
const baseline = async () => {
  const response = await fetch(`${bareAddress}/api/v1/customers`);
  await response.arrayBuffer();
};

console.log(`database=${db.kind} seconds=${seconds}`);
const logins = await measureThroughput(async () => void (await login()), { concurrency: 4, seconds });
report('login', logins);
const patron = await measureThroughput(list, { seconds });
report('authorized list (am01, 20 rows)', patron);
const bareFigures = await measureThroughput(baseline, { seconds });
report('bare fastify route', bareFigures);
report('ratio', { 'list/bare': patron.perSecond / bareFigures.perSecond, peakRssMb: peakRssMb() });

await app.close();
await bare.close();
await db.close();
