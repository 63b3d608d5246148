import { currentServiceCatalogue, currentSlaRules, findSlaRuleVersion, loadBusinessCalendar, type Executor } from '@patron/db';
import { businessDateOf, type BusinessCalendar, type ProvisioningSlaRules, type ServiceCatalogue } from '@patron/domain';

/**
 * The one place work orders get their rules from: the business calendar ('CN': mainland China
 * holidays plus admin overrides) and the service catalogue and SLA tiers in force on a date
 * (versioned data, migration 0004). Orders store the versions they were computed with.
 */
export interface WorkOrderRules {
  calendar: BusinessCalendar;
  catalogue: ServiceCatalogue;
  slaRules: ProvisioningSlaRules;
}

export function loadWorkOrderCalendar(db: Executor): Promise<BusinessCalendar> {
  return loadBusinessCalendar(db);
}

/** Rules in force at `on` (read as a business date in the calendar's zone). */
export async function loadWorkOrderRules(db: Executor, on: Date): Promise<WorkOrderRules> {
  const calendar = await loadWorkOrderCalendar(db);
  const day = businessDateOf(calendar, on);
  const [catalogue, slaRules] = await Promise.all([currentServiceCatalogue(db, day), currentSlaRules(db, day)]);
  return { calendar, catalogue, slaRules };
}

/**
 * The SLA tiers an order was quoted under: the version it recorded, else the one in force on the
 * day it was accepted. Compensation is computed with the same terms as the price.
 */
export async function loadSlaRulesOf(
  db: Executor,
  calendar: BusinessCalendar,
  order: { slaRuleVersion: string | null; acceptedAt: Date },
): Promise<ProvisioningSlaRules> {
  const recorded = order.slaRuleVersion === null ? undefined : await findSlaRuleVersion(db, order.slaRuleVersion);
  return recorded ?? currentSlaRules(db, businessDateOf(calendar, order.acceptedAt));
}
