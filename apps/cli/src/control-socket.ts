import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { basename, dirname, join } from 'node:path';
import type { Database } from '@patron/db';

/**
 * PGlite admits one process. While the server runs on an embedded data folder it listens on a Unix
 * socket beside that folder (mode 0600: whoever may read the data may run commands) and runs CLI
 * commands in-process on its own database; the CLI forwards to it instead of opening the folder.
 * Beside, not inside: PGlite's backup archives the folder, and a socket cannot be archived.
 */
export function controlSocketPath(dataDir: string): string {
  return join(dirname(dataDir), `.${basename(dataDir)}.patron.sock`);
}

interface Request {
  argv: string[];
  cwd: string;
}

type Message = { stream: 'out' | 'err'; text: string } | { exit: number };

export type InProcessRunner = (request: Request, write: (message: Message) => void, db: Database) => Promise<number>;

export async function listenControlSocket(dataDir: string, db: Database, run: InProcessRunner): Promise<Server> {
  const path = controlSocketPath(dataDir);
  if (existsSync(path)) rmSync(path);
  const server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      const request = JSON.parse(buffer.slice(0, newline)) as Request;
      const write = (message: Message) => socket.write(`${JSON.stringify(message)}\n`);
      run(request, write, db)
        .then((code) => write({ exit: code }))
        .catch((error: unknown) => {
          write({ stream: 'err', text: `${error instanceof Error ? error.message : String(error)}\n` });
          write({ exit: 1 });
        })
        .finally(() => socket.end());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}

/**
 * Sends argv to a running server. Resolves to the exit code, or undefined when no server answers
 * (no socket, or a stale one left by a crash, which is then removed).
 */
export function forwardToServer(dataDir: string, argv: string[], cwd: string): Promise<number | undefined> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = createConnection(path);
    let buffer = '';
    let exit: number | undefined;
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv, cwd })}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffer.slice(0, newline)) as Message;
        buffer = buffer.slice(newline + 1);
        if ('exit' in message) exit = message.exit;
        else (message.stream === 'out' ? process.stdout : process.stderr).write(message.text);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') {
        rmSync(path, { force: true });
        resolve(undefined);
      } else {
        process.stderr.write(`Cannot reach the running server: ${error.message}\n`);
        resolve(1);
      }
    });
    socket.on('close', () => resolve(exit ?? 1));
  });
}
