// TMF façade benchmark. Run: npm run bench -- tmf [--orders N] [--seconds S]   (PostgreSQL: TEST_DATABASE_URL, default postgres://root@127.0.0.1:5432/test)
// 1,000,000 work orders generated with SQL in a scratch database; one integration token; the same
// questions asked of /tmf-api/troubleTicket/v4 (with fields= and a filter) and of /api/v1/work-orders,
// in the same run: a filtered newest-first page of 20, and a retrieve by id. Target: the façade costs
// at most 20% (TMF throughput ≥ 0.8 × /api/v1).
import { sql } from '@patron/db';
import { openTestDatabase } from '@patron/db/testing';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { createApiToken } from '../apps/server/src/modules/api-tokens/api-token.service';
import { measureThroughput, peakRssMb, report } from './support/load';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

// `npm run bench -- tmf --orders 100000 --seconds 2` while developing; the defaults are the full size.
const ORDERS = option('orders', 1_000_000);
const CUSTOMERS = 10_000;
const SECONDS = option('seconds', 5);
const CONCURRENCY = 8;
const NOW = new Date('2026-11-25T02:00:00Z');

process.env.TEST_DATABASE_URL ??= 'postgres://root@127.0.0.1:5432/test';
const db = await openTestDatabase('postgresql');
const seedStarted = performance.now();
await db.exec(`
  INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'BP', 'Bench province', 'province', id, '/HQ/BP/' FROM org_units WHERE code = 'HQ';
  INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'BP-01', 'Bench city', 'city', id, '/HQ/BP/BP-01/' FROM org_units WHERE code = 'BP';
  INSERT INTO customers (customer_no, kind, name, grade, star, phone, org_unit_id)
    SELECT 'B' || lpad(c::text, 9, '0'), 'group', 'Bench customer ' || c, 'gold', c % 6, '139' || lpad(c::text, 8, '0'), o.id
    FROM generate_series(1, ${CUSTOMERS}) c, org_units o WHERE o.code = 'BP-01';
  INSERT INTO work_orders (order_no, tracking_code, customer_id, type, channel, priority, service_item, star, title, status,
    held_from, calendar_version, accepted_at, created_at, updated_at)
  SELECT 'WO' || lpad(g::text, 12, '0'), translate(lpad(to_hex(g), 10, '0'), '0123456789abcdef', '23456789ABCDEFGH'),
    (SELECT min(id) FROM customers) + g % ${CUSTOMERS}, 'fault', 'hotline', (ARRAY['low', 'normal', 'high', 'urgent'])[g % 4 + 1],
    'fixed_line_fault_repair', 3, 'bench ' || g,
    (ARRAY['received', 'appointed', 'dispatched', 'in_progress', 'completed', 'archived', 'cancelled', 'revisit_pending'])[g % 8 + 1], NULL,
    'bench', t, t, t
  FROM generate_series(1, ${ORDERS}) g, LATERAL (SELECT '${NOW.toISOString()}'::timestamptz - g * interval '30 seconds' AS t) at;
`);
// The steady state autovacuum reaches after a bulk load (PostgreSQL ≥ 13 vacuums after inserts too): the
// visibility map lets counts read the status index alone.
await db.exec('VACUUM ANALYZE');
report('seed', { orders: ORDERS, seconds: (performance.now() - seedStarted) / 1000 });

const config = loadConfig({ PATRON_DATA_DIR: '/nonexistent', PATRON_JOBS: '0' });
const app = await buildApp({ db, config, now: () => NOW, version: 'bench' });
await app.ready();
const { token } = await db.transaction((tx) =>
  createApiToken(tx, { name: 'bench', role: 'integration', orgUnitCode: 'BP-01', expiresInDays: 1, createdBy: null, now: NOW }),
);
const headers = { authorization: `Bearer ${token}` };
const ids = await db.rows<{ id: number; orderNo: string }>(sql`SELECT id, order_no AS "orderNo" FROM work_orders ORDER BY random() LIMIT 2000`);
let cursor = 0;
const nextOrder = () => ids[(cursor += 1) % ids.length]!;

async function call(url: string): Promise<void> {
  const response = await app.inject({ method: 'GET', url, headers });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
}

const cases: [label: string, tmf: () => Promise<void>, api: () => Promise<void>][] = [
  [
    'list (status filter, page of 20)',
    () => call('/tmf-api/troubleTicket/v4/troubleTicket?status=acknowledged&fields=id,name,status,severity,creationDate&limit=20'),
    () => call('/api/v1/work-orders?status=received&sort=-acceptedAt&pageSize=20'),
  ],
  [
    'retrieve by id',
    () => call(`/tmf-api/troubleTicket/v4/troubleTicket/${nextOrder().orderNo}?fields=id,status,severity,relatedParty`),
    () => call(`/api/v1/work-orders/${nextOrder().id}`),
  ],
];

let worst = Infinity;
for (const [label, tmf, api] of cases) {
  await tmf();
  await api();
  const facade = await measureThroughput(tmf, { concurrency: CONCURRENCY, seconds: SECONDS });
  const baseline = await measureThroughput(api, { concurrency: CONCURRENCY, seconds: SECONDS });
  const ratio = facade.perSecond / baseline.perSecond;
  worst = Math.min(worst, ratio);
  report(`${label} /tmf-api`, { perSecond: facade.perSecond, p50Ms: facade.p50Ms, p99Ms: facade.p99Ms });
  report(`${label} /api/v1 (baseline)`, { perSecond: baseline.perSecond, p50Ms: baseline.p50Ms, p99Ms: baseline.p99Ms });
  report(`${label} ratio`, { tmfOverApi: ratio, target: '>= 0.80' });
}
report('tmf façade', { worstRatio: worst, verdict: worst >= 0.8 ? 'within target' : 'OVER TARGET', peakRssMb: peakRssMb() });
await app.close();
await db.close();
