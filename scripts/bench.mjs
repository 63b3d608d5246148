// `npm run bench -- <name> [args…]`: runs bench/<name>.bench.ts and prints its figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(join(root, 'bench')).filter((file) => file.endsWith('.bench.ts')).map((file) => file.replace('.bench.ts', ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(2);
}
const file = join(root, 'bench', `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file, ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
