import {
  OnDateQuery,
  ServiceCatalogueCreate,
  ServiceCatalogueList,
  ServiceCatalogueSchema,
  ServiceLimitQuery,
  ServiceLimitReply,
  SlaCompareBody,
  SlaCompareReply,
  SlaQuoteBody,
  SlaQuoteReply,
  SlaRulesCreate,
  SlaRulesList,
  SlaRulesSchema,
} from '@patron/contracts';
import {
  currentServiceCatalogue,
  currentSlaRules,
  insertServiceCatalogueVersion,
  insertSlaRuleVersion,
  listServiceCatalogueVersions,
  listSlaRuleVersions,
  type ServiceCatalogueVersion,
  type SlaRuleVersion,
} from '@patron/db';
import {
  type ServiceCatalogueItem,
  type StarLevel,
  PROVISIONING_TIERS,
  applyBasisPoints,
  formatFen,
  parseYuanToFen,
  quote,
  serviceLimit,
} from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { conflict, invalid } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { atRequestPaths, businessToday, calendarAt } from '../calendar/calendar-http';

/** Where the quote's domain checks point in the request body. */
const QUOTE_PATHS = {
  service: 'body.service',
  tier: 'body.tier',
  standardOneTimeFeeFen: 'body.standardOneTimeFee',
  acceptedOn: 'body.acceptedOn',
  completedOn: 'body.completedOn',
} as const;

/** Rule versions are for the future: a version that starts before today would rewrite past answers. */
function notInThePast(effectiveFrom: string, now: Date): void {
  const today = businessToday(now);
  if (effectiveFrom < today) throw invalid('body.effectiveFrom', `must not be in the past (today is ${today})`);
}

function publicRules(rules: SlaRuleVersion) {
  const { seq: _seq, ...rest } = rules;
  return rest;
}

/** Two versions stored in the same instant race for the next sequence number: the loser is told to retry. */
/** Rule versions on the wire: no internal sequence number, plain arrays. */
function publicCatalogue(catalogue: ServiceCatalogueVersion) {
  const { seq: _seq, items, ...rest } = catalogue;
  return { ...rest, items: [...items] };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export async function slaRoutes(app: App) {
  const { db, now } = app.deps;
  const signedIn = authorize();
  const manageRules = authorize('rule.manage');

  // -------------------------------------------------------------------------------------------
  // Provisioning SLA quotes (DOMAIN §3.10): any signed-in user
  // -------------------------------------------------------------------------------------------

  app.post(
    '/sla/quote',
    { preHandler: signedIn, schema: { tags: ['sla'], body: SlaQuoteBody, response: { 200: SlaQuoteReply } } },
    async (request) => {
      const body = request.body;
      const [rules, calendar] = await Promise.all([currentSlaRules(db, body.acceptedOn), calendarAt(db, body.calendar, 'body.calendar')]);
      const fee = atRequestPaths(() => parseYuanToFen(body.standardOneTimeFee, 'standardOneTimeFeeFen'), QUOTE_PATHS);
      const result = atRequestPaths(
        () =>
          quote(rules, calendar, {
            service: body.service,
            tier: body.tier,
            standardOneTimeFeeFen: fee,
            acceptedOn: body.acceptedOn,
            ...(body.completedOn === undefined ? {} : { completedOn: body.completedOn }),
          }),
        QUOTE_PATHS,
        // Past the calendar's last year: the dates are the cause.
        body.completedOn === undefined ? 'body.acceptedOn' : 'body.completedOn',
      );
      return {
        deadline: result.deadline,
        chargedOneTimeFee: formatFen(result.chargedOneTimeFeeFen),
        overdueWorkdays: result.overdueWorkdays,
        compensation: formatFen(result.compensationFen),
        calendarComplete: result.calendarComplete,
        ruleVersion: result.ruleVersion,
      };
    },
  );

  app.post(
    '/sla/quote/compare',
    { preHandler: signedIn, schema: { tags: ['sla'], body: SlaCompareBody, response: { 200: SlaCompareReply } } },
    async (request) => {
      const body = request.body;
      const [rules, calendar] = await Promise.all([currentSlaRules(db, body.acceptedOn), calendarAt(db, body.calendar, 'body.calendar')]);
      const fee = atRequestPaths(() => parseYuanToFen(body.standardOneTimeFee, 'standardOneTimeFeeFen'), QUOTE_PATHS);
      const tiers = PROVISIONING_TIERS.map((tier) => {
        const rule = rules.tiers[tier];
        const result = atRequestPaths(
          () =>
            quote(rules, calendar, {
              service: body.service,
              tier,
              standardOneTimeFeeFen: fee,
              acceptedOn: body.acceptedOn,
              ...(body.completedOn === undefined ? {} : { completedOn: body.completedOn }),
            }),
          QUOTE_PATHS,
          body.completedOn === undefined ? 'body.acceptedOn' : 'body.completedOn',
        );
        const base = rules.compensationBase === 'charged_fee' ? result.chargedOneTimeFeeFen : fee;
        return {
          tier,
          label: rule.label,
          limitWorkdays: result.limitWorkdays,
          deadline: result.deadline,
          pricePercent: `${rule.priceMultiplierBp / 100}%`,
          chargedOneTimeFee: formatFen(result.chargedOneTimeFeeFen),
          compensationPerOverdueWorkday: formatFen(applyBasisPoints(base, rule.compensationBpPerOverdueWorkday)),
          compensationCap: formatFen(applyBasisPoints(base, rule.compensationCapBp)),
          overdueWorkdays: result.overdueWorkdays,
          compensation: formatFen(result.compensationFen),
          calendarComplete: result.calendarComplete,
        };
      });
      return {
        service: body.service,
        standardOneTimeFee: formatFen(fee),
        acceptedOn: body.acceptedOn,
        completedOn: body.completedOn ?? null,
        calendar: calendar.id,
        ruleVersion: rules.ruleVersion,
        compensationBase: rules.compensationBase,
        calendarComplete: tiers.every((t) => t.calendarComplete),
        tiers,
      };
    },
  );

  // -------------------------------------------------------------------------------------------
  // SLA rule versions: read by anyone signed in, added by rule.manage (audited)
  // -------------------------------------------------------------------------------------------

  app.get(
    '/sla/rules',
    { preHandler: signedIn, schema: { tags: ['sla'], querystring: OnDateQuery, response: { 200: SlaRulesSchema } } },
    async (request) => publicRules(await currentSlaRules(db, request.query.on ?? businessToday(now()))),
  );

  app.get(
    '/sla/rules/versions',
    { preHandler: signedIn, schema: { tags: ['sla'], response: { 200: SlaRulesList } } },
    async () => ({ items: (await listSlaRuleVersions(db)).map(publicRules) }),
  );

  app.post(
    '/sla/rules/versions',
    { preHandler: manageRules, schema: { tags: ['sla'], body: SlaRulesCreate, response: { 201: SlaRulesSchema } } },
    async (request, reply) => {
      const body = request.body;
      notInThePast(body.effectiveFrom, now());
      const created = await db
        .transaction(async (tx) => {
          const version = await insertSlaRuleVersion(tx, {
            effectiveFrom: body.effectiveFrom,
            compensationBase: body.compensationBase,
            tiers: body.tiers,
            author: request.access?.username ?? 'unknown',
            reason: body.reason,
            ...(body.source === undefined ? {} : { source: body.source }),
          });
          await audit(tx, request, { action: 'sla_rules.create', entityType: 'sla_rule_version', entityId: version.ruleVersion, after: publicRules(version), reason: body.reason });
          return version;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw conflict('Another version was stored at the same moment; try again');
          throw error;
        });
      return reply.code(201).send(publicRules(created));
    },
  );

  // -------------------------------------------------------------------------------------------
  // Service catalogue (DOMAIN §3.9), versioned the same way
  // -------------------------------------------------------------------------------------------

  app.get(
    '/service-catalogue',
    { preHandler: signedIn, schema: { tags: ['service-catalogue'], querystring: OnDateQuery, response: { 200: ServiceCatalogueSchema } } },
    async (request) => {
      return publicCatalogue(await currentServiceCatalogue(db, request.query.on ?? businessToday(now())));
    },
  );

  app.get(
    '/service-catalogue/versions',
    { preHandler: signedIn, schema: { tags: ['service-catalogue'], response: { 200: ServiceCatalogueList } } },
    async () => ({ items: (await listServiceCatalogueVersions(db)).map(publicCatalogue) }),
  );

  app.post(
    '/service-catalogue/versions',
    { preHandler: manageRules, schema: { tags: ['service-catalogue'], body: ServiceCatalogueCreate, response: { 201: ServiceCatalogueSchema } } },
    async (request, reply) => {
      const body = request.body;
      notInThePast(body.effectiveFrom, now());
      const created = await db
        .transaction(async (tx) => {
          const version = await insertServiceCatalogueVersion(tx, {
            effectiveFrom: body.effectiveFrom,
            // The schema has checked every field; its star keys are the strings JSON carries.
            items: body.items as unknown as ServiceCatalogueItem[],
            author: request.access?.username ?? 'unknown',
            reason: body.reason,
            ...(body.source === undefined ? {} : { source: body.source }),
          });
          await audit(tx, request, {
            action: 'service_catalogue.create',
            entityType: 'service_catalogue_version',
            entityId: version.version,
            after: { version: version.version, effectiveFrom: version.effectiveFrom, items: version.items },
            reason: body.reason,
          });
          return version;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw conflict('Another version was stored at the same moment; try again');
          throw error;
        });
      return reply.code(201).send(publicCatalogue(created));
    },
  );

  app.get(
    '/service-catalogue/limit',
    { preHandler: signedIn, schema: { tags: ['service-catalogue'], querystring: ServiceLimitQuery, response: { 200: ServiceLimitReply } } },
    async (request) => {
      const { item, star, scope, on } = request.query;
      const catalogue = await currentServiceCatalogue(db, on ?? businessToday(now()));
      const level = star === undefined || star === 0 ? null : (star as StarLevel);
      return atRequestPaths(() => serviceLimit(catalogue, item, level, scope), { itemCode: 'query.item', star: 'query.star', scope: 'query.scope' });
    },
  );
}
