// `npm test`: typecheck, lint, unit + database tests (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set), then the browser journeys. Ends with one summary line.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const steps = [
  ['typecheck', ['run', '--silent', 'typecheck']],
  ['lint', ['run', '--silent', 'lint']],
  ['unit+database', ['run', '--silent', 'test:unit']],
  ['browser', ['run', '--silent', 'test:e2e']],
];
const only = process.argv.slice(2);
const results = [];
const started = Date.now();
for (const [name, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n▶ ${name}`);
  const stepStart = Date.now();
  const run = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  results.push({ name, ok: run.status === 0, seconds: Math.round((Date.now() - stepStart) / 1000) });
  if (run.status !== 0) break;
}
const failed = results.filter((result) => !result.ok);
const skipped = steps.length - results.length - (only.length > 0 ? steps.length - only.length : 0);
console.log(`\n${results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'} (${r.seconds}s)`).join(', ')}`);
console.log(
  `steps: ${results.length - failed.length} passed, ${failed.length} failed${skipped > 0 ? `, ${skipped} skipped` : ''} in ${Math.round((Date.now() - started) / 1000)}s`,
);
process.exit(failed.length > 0 ? 1 : 0);
