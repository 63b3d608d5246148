import type { Command } from 'commander';
import { buildApp, loadConfig, prepareDatabase, startJobRunner, VERSION } from '@patron/server';

import { CliError, type CliIo } from '../cli-io';
import { listenControlSocket } from '../control-socket';
import { runCommand } from '../main';

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('start the Patron server (migrates the embedded database and seeds demo data on first start)')
    .action(async () => {
      if (io.inServer) throw new CliError('The server is already running');
      const config = loadConfig();
      const db = await io.database();
      const announce = (line: string) => io.out(`${line}\n`);
      await prepareDatabase(db, config, announce);

      const app = await buildApp(
        { db, config, now: () => new Date(), version: VERSION },
        { logger: { level: config.logLevel }, serveWeb: true },
      );
      const runner = config.runJobs ? startJobRunner(db, app.log) : undefined;
      const control = config.databaseUrl
        ? undefined
        : await listenControlSocket(config.dataDir, db, (request, write, database) =>
            runCommand(request.argv, {
              out: (text) => write({ stream: 'out', text }),
              err: (text) => write({ stream: 'err', text }),
              cwd: request.cwd,
              inServer: true,
              database: async () => database,
            }),
          );

      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.log.info({ signal }, 'shutting down');
        control?.close();
        await app.close();
        await runner?.stop();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));

      await app.listen({ port: config.port, host: config.host });
      const where = config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`;
      announce(`Patron ${VERSION} listening on http://${config.host}:${config.port} (${where})`);
    });
}
