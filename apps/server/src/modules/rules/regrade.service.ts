import {
  appendAudit,
  applyRegrade,
  planRegrade,
  proposeRegrade,
  simulateRegrade,
  type AppliedRegrade,
  type Executor,
  type RegradeRun,
  type RegradeScope,
  type RegradeSimulation,
  type RegradeSummary,
} from '@patron/db';
import { businessToday } from '../calendar/calendar-http';

export const REGRADE_MODES = ['dry_run', 'propose', 'apply'] as const;
export type RegradeMode = (typeof REGRADE_MODES)[number];

export interface RegradeRequest {
  /** YYYY-MM: the six billed months ending with it are graded, tenure and suspensions at its end. */
  month: string;
  scope: RegradeScope;
  mode: RegradeMode;
  actor: { id: number | null; name: string };
  /** Why the run happened: the CLI, a scheduled job, a manager in the UI. */
  origin: string;
}

export type RegradeOutcome =
  | { mode: 'dry_run'; summary: RegradeSummary; simulation: RegradeSimulation }
  | { mode: 'propose'; summary: RegradeSummary; run: RegradeRun }
  | ({ mode: 'apply'; summary: RegradeSummary } & AppliedRegrade);

/** The month before `now`'s business month, as YYYY-MM: the newest month whose bills are complete. */
export function lastCompleteMonth(now: Date): string {
  const [year, month] = businessToday(now).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * Compute → proposal → (apply). A dry run writes nothing; a proposal waits for district review; an
 * apply (the administrator's scripted run, and the reviewed proposal) changes grades in the same
 * transaction as its audit record.
 */
export async function runRegrade(db: Executor, request: RegradeRequest): Promise<RegradeOutcome> {
  const plan = await planRegrade(db, request.month, request.scope);
  if (request.mode === 'dry_run') {
    const simulation = await simulateRegrade(db, plan);
    return { mode: 'dry_run', summary: simulation.summary, simulation };
  }
  return db.transaction(async (tx) => {
    const proposed = await proposeRegrade(tx, plan, request.actor.name);
    const audit = { actorId: request.actor.id, actorName: request.actor.name, entityType: 'regrade_run', entityId: proposed.id };
    await appendAudit(tx, { ...audit, action: 'regrade.propose', after: { month: request.month, scope: request.scope, summary: proposed.summary, origin: request.origin } });
    if (request.mode === 'propose') return { mode: 'propose', summary: proposed.summary, run: proposed };
    const applied = await applyRegrade(tx, proposed.id, request.actor.name);
    await appendAudit(tx, { ...audit, action: 'regrade.apply', after: { ...applied, origin: request.origin }, reason: 'applied without review' });
    return { mode: 'apply', summary: applied.run.summary, ...applied };
  });
}

/** Applies a reviewed proposal (items kept by reviewers stay as they are). */
export async function applyReviewedRegrade(tx: Executor, run: RegradeRun, actor: { id: number | null; name: string }, requestId?: string) {
  const applied = await applyRegrade(tx, run.id, actor.name);
  await appendAudit(tx, {
    actorId: actor.id,
    actorName: actor.name,
    action: 'regrade.apply',
    entityType: 'regrade_run',
    entityId: run.id,
    before: { status: run.status },
    after: applied,
    requestId: requestId ?? null,
  });
  return applied;
}
