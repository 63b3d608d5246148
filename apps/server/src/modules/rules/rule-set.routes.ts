import {
  IdParam,
  RULE_BODY_SCHEMAS,
  RuleSetActivate,
  RuleSetCreate,
  RuleSetList,
  RuleSetPatch,
  RuleSetQuery,
  RuleSetSchema,
  SimulateBody,
  SimulationReply,
} from '@patron/contracts';
import {
  activateRuleSet,
  findOrgUnit,
  findRuleSet,
  governingRuleSet,
  insertRuleSet,
  lastAppliedRegradeMonth,
  listRuleSets,
  planRegrade,
  simulateRegrade,
  updateRuleSetDraft,
  type Executor,
  type RuleSet,
} from '@patron/db';
import { resolveLoadLimits } from '@patron/db/repositories/customer-assignment.repository';
import {
  type AccessContext,
  type BusinessDate,
  type RuleBodies,
  type RuleIssue,
  type RuleKind,
  loadLimitsLooserThan,
  monthEnd,
  ruleSetTransition,
  validateRuleBody,
} from '@patron/domain';
import { z } from 'zod';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, forbidden, invalid, notFound } from '../../errors';
import { authorize, authorizeAny, requireAccess } from '../../plugins/authenticate';
import { lastCompleteMonth } from './regrade.service';

const RuleSetTransitionBody = RuleSetActivate.extend({ event: z.literal('activate') });

/** Checks a rule body against its kind's shape and business rules; every problem is reported at `body.body.<path>`. */
function parseBody<K extends RuleKind>(kind: K, body: unknown): RuleBodies[K] {
  const parsed = RULE_BODY_SCHEMAS[kind].safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      'validation.failed',
      'Invalid rule body',
      parsed.error.issues.map((issue) => ({ path: ['body', 'body', ...issue.path.map(String)].join('.'), message: issue.message })),
    );
  }
  const value = parsed.data as RuleBodies[K];
  const issues = validateRuleBody(kind, value);
  if (issues.length > 0) throw ruleBodyInvalid(issues);
  return value;
}

/** The domain's issues as a 400; the message starts with the issue code so clients can translate it. */
function ruleBodyInvalid(issues: readonly RuleIssue[]): AppError {
  return new AppError('validation.failed', 'Invalid rule body', issues.map((issue) => ({ path: `body.body.${issue.path}`, message: `${issue.code}: ${issue.message}` })));
}

/**
 * HQ publishes the load limits; a province or city may only tighten what governs the org above it on
 * the set's effective date. Checked when a draft is saved and again when it is activated (HQ may have
 * tightened meanwhile).
 */
async function assertOnlyTightens(db: Executor, set: { kind: RuleKind; orgPath: string; body: unknown; effectiveFrom: BusinessDate }): Promise<void> {
  if (set.kind !== 'load_limits') return;
  const parentPath = set.orgPath.replace(/[^/]+\/$/, '');
  if (parentPath === '/') return;
  const issues = loadLimitsLooserThan(set.body as RuleBodies['load_limits'], await resolveLoadLimits(db, parentPath, set.effectiveFrom));
  if (issues.length > 0) throw ruleBodyInvalid(issues);
}

/** Rules may not start inside a month that has been re-graded already: that would rewrite applied grades. */
async function notInAppliedMonth(db: Executor, effectiveFrom: string): Promise<void> {
  const applied = await lastAppliedRegradeMonth(db);
  if (applied !== undefined && effectiveFrom <= monthEnd(applied.slice(0, 7))) {
    throw new AppError('rule_set.applied_month', `The re-grade of ${applied.slice(0, 7)} is applied: rules must take effect after ${monthEnd(applied.slice(0, 7))}`, [
      { path: 'body.effectiveFrom', message: `must be after ${monthEnd(applied.slice(0, 7))}` },
    ]);
  }
}

/** A manager changes the rules of their own org and the orgs below it, never those above. */
function assertOwns(access: AccessContext, set: RuleSet): void {
  if (!set.orgPath.startsWith(access.orgPath)) throw forbidden(`Rule set ${set.label} belongs to an org above yours`);
}

async function ruleSetOr404(db: Executor, id: number, lock = false): Promise<RuleSet> {
  const set = await findRuleSet(db, id, lock);
  if (!set) throw notFound('Rule set');
  return set;
}

export async function ruleSetRoutes(app: App) {
  const { db, now } = app.deps;
  const read = authorizeAny('rule.manage', 'grade.review', 'report.read');
  const manage = authorize('rule.manage');

  app.get('/rule-sets', { preHandler: read, schema: { tags: ['rules'], querystring: RuleSetQuery, response: { 200: RuleSetList } } }, async (request) => ({
    items: await listRuleSets(db, request.query),
  }));

  app.get('/rule-sets/:id', { preHandler: read, schema: { tags: ['rules'], params: IdParam, response: { 200: RuleSetSchema } } }, async (request) =>
    ruleSetOr404(db, request.params.id),
  );

  app.post('/rule-sets', { preHandler: manage, schema: { tags: ['rules'], body: RuleSetCreate, response: { 201: RuleSetSchema } } }, async (request, reply) => {
    const access = requireAccess(request);
    const body = request.body;
    const ruleBody = parseBody(body.kind, body.body);
    const org = await findOrgUnit(db, body.orgUnit);
    if (!org) throw invalid('body.orgUnit', `no org unit ${body.orgUnit}`);
    if (!['hq', 'province', 'city'].includes(org.kind)) throw invalid('body.orgUnit', 'rule sets are owned by HQ, a province or a city');
    if (!org.path.startsWith(access.orgPath)) throw forbidden(`${org.code} is outside your org`);
    await notInAppliedMonth(db, body.effectiveFrom);
    await assertOnlyTightens(db, { kind: body.kind, orgPath: org.path, body: ruleBody, effectiveFrom: body.effectiveFrom });
    const created = await db.transaction(async (tx) => {
      const set = await insertRuleSet(tx, {
        kind: body.kind,
        orgUnitId: org.id,
        name: body.name,
        effectiveFrom: body.effectiveFrom,
        body: ruleBody,
        author: access.username,
        reason: body.reason,
      });
      await audit(tx, request, { action: 'rule_set.create', entityType: 'rule_set', entityId: set.id, orgUnitId: org.id, after: set, reason: body.reason });
      return set;
    });
    return reply.code(201).send(created);
  });

  app.patch('/rule-sets/:id', { preHandler: manage, schema: { tags: ['rules'], params: IdParam, body: RuleSetPatch, response: { 200: RuleSetSchema } } }, async (request) => {
    const access = requireAccess(request);
    const patch = request.body;
    return db.transaction(async (tx) => {
      const before = await ruleSetOr404(tx, request.params.id, true);
      assertOwns(access, before);
      if (before.status !== 'draft') throw new AppError('state.illegal_transition', `Rule set ${before.label} is ${before.status}: only drafts are edited`);
      const ruleBody = patch.body === undefined ? undefined : parseBody(before.kind, patch.body);
      if (patch.effectiveFrom !== undefined) await notInAppliedMonth(tx, patch.effectiveFrom);
      await assertOnlyTightens(tx, { ...before, body: ruleBody ?? before.body, effectiveFrom: patch.effectiveFrom ?? before.effectiveFrom });
      const after = await updateRuleSetDraft(tx, before.id, {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.effectiveFrom === undefined ? {} : { effectiveFrom: patch.effectiveFrom }),
        ...(ruleBody === undefined ? {} : { body: ruleBody }),
        reason: patch.reason,
        author: access.username,
      });
      await audit(tx, request, { action: 'rule_set.update', entityType: 'rule_set', entityId: after.id, orgUnitId: after.orgUnitId, before, after, reason: patch.reason });
      return after;
    });
  });

  app.post(
    '/rule-sets/:id/transitions',
    { preHandler: manage, schema: { tags: ['rules'], params: IdParam, body: RuleSetTransitionBody, response: { 200: RuleSetSchema } } },
    async (request) => {
      const access = requireAccess(request);
      return db.transaction(async (tx) => {
        const before = await ruleSetOr404(tx, request.params.id, true);
        assertOwns(access, before);
        ruleSetTransition(before.status, request.body.event);
        await notInAppliedMonth(tx, before.effectiveFrom);
        await assertOnlyTightens(tx, before);
        const { activated, retired } = await activateRuleSet(tx, before.id, access.username);
        await audit(tx, request, {
          action: 'rule_set.activate',
          entityType: 'rule_set',
          entityId: activated.id,
          orgUnitId: activated.orgUnitId,
          before: { status: before.status, retired: retired?.label ?? null },
          after: { status: activated.status },
          reason: request.body.reason,
        });
        return activated;
      });
    },
  );

  app.post(
    '/rule-sets/:id/simulate',
    { preHandler: authorizeAny('rule.manage', 'grade.review'), schema: { tags: ['rules'], params: IdParam, body: SimulateBody, response: { 200: SimulationReply } } },
    async (request) => {
      const access = requireAccess(request);
      const set = await ruleSetOr404(db, request.params.id);
      if (set.kind !== 'grading' && set.kind !== 'star') throw invalid('params.id', 'only grading and star rule sets move customers between levels');
      const month = request.body.month ?? lastCompleteMonth(now());
      const current = await governingRuleSet(db, set.kind, set.orgPath, monthEnd(month));
      const plan = await planRegrade(db, month, 'full', set);
      // A caller below the set's org sees only their own subtree's movements; a caller beside it, nothing.
      if (!set.orgPath.startsWith(access.orgPath)) {
        if (!access.orgPath.startsWith(set.orgPath)) throw forbidden(`Rule set ${set.label} does not govern your org`);
        plan.onlyPath = access.orgPath;
      }
      const simulation = await simulateRegrade(db, plan);
      return { ruleSet: { id: set.id, label: set.label }, comparedWith: current?.label ?? null, ...simulation };
    },
  );
}
