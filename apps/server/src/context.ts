import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AccessContext } from '@patron/domain';
import type { Database } from '@patron/db';
import type { Config } from './config';

export interface AppDeps {
  db: Database;
  config: Config;
  /** The only clock the server reads; tests pass their own. */
  now: () => Date;
  version: string;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    access: AccessContext | null;
    tokenId: number | null;
  }
}
