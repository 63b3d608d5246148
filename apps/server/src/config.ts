import { resolve } from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'postgres://… URL').optional(),
  PATRON_DATA_DIR: z.string().default('./data'),
  PATRON_ADMIN_PASSWORD: z.string().min(8).optional(),
  PATRON_DEMO: z.enum(['0', '1']).optional(),
  PATRON_DEMO_PASSWORD: z.string().min(8).optional(),
  PATRON_SESSION_HOURS: z.coerce.number().positive().default(12),
  PATRON_JOBS: z.enum(['0', '1']).default('1'),
  PATRON_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PATRON_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  PATRON_TMF_CALLBACK_ALLOW: z.string().default(''),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  /** false (PATRON_DEMO=0): no demo data on a fresh embedded database. */
  demo?: boolean;
  demoPassword?: string;
  sessionHours: number;
  runJobs: boolean;
  logLevel: z.infer<typeof EnvSchema>['PATRON_LOG_LEVEL'];
  trustProxy: boolean;
  /** Hosts and networks TMF hub callbacks may reach although private (docs/tmf.md, "Callbacks and SSRF"). */
  tmfCallbackAllow: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.PATRON_DATA_DIR),
    adminPassword: e.PATRON_ADMIN_PASSWORD,
    demo: e.PATRON_DEMO === undefined ? undefined : e.PATRON_DEMO === '1',
    demoPassword: e.PATRON_DEMO_PASSWORD,
    sessionHours: e.PATRON_SESSION_HOURS,
    runJobs: e.PATRON_JOBS === '1',
    logLevel: e.PATRON_LOG_LEVEL,
    trustProxy: e.PATRON_TRUST_PROXY === '1',
    tmfCallbackAllow: e.PATRON_TMF_CALLBACK_ALLOW,
  };
}
