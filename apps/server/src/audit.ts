import type { FastifyRequest } from 'fastify';
import { appendAudit, type AuditEventInput, type Executor } from '@patron/db';

/** Appends an audit event attributed to the caller of `request`, inside the caller's transaction. */
export function audit(tx: Executor, request: FastifyRequest, event: Omit<AuditEventInput, 'ip' | 'requestId'>) {
  return appendAudit(tx, {
    actorId: request.access?.userId ?? null,
    actorName: request.access?.username ?? null,
    ip: request.ip,
    requestId: request.id,
    ...event,
  });
}
