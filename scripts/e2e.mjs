// Browser journeys: build the web app, start a fresh Patron (embedded database, demo data, known
// passwords) on a free port, run e2e/*.spec.ts against it with Debian's chromium, stop it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(join(tmpdir(), 'patron-e2e-'));
const port = await freePort();
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  PATRON_DATA_DIR: dataDir,
  PATRON_ADMIN_PASSWORD: 'Admin#2026demo',
  PATRON_DEMO_PASSWORD: 'Demo#2026pass',
  PATRON_LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
const server = spawn(process.execPath, [join(root, 'apps/cli/bin/patron.mjs'), 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
const baseUrl = `http://127.0.0.1:${port}`;
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server did not start in 120 s')), 120_000);
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (String(chunk).includes('listening on')) {
      clearTimeout(timer);
      resolve();
    }
  });
  server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

// Extra arguments filter the journeys: `npm run test:e2e -- complaint` runs e2e/complaint*.spec.ts only.
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_DATA_DIR: dataDir },
});
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
