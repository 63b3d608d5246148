import type { z } from 'zod';
import type { CustomerPatch } from '@patron/contracts';
import type { FastifyRequest } from 'fastify';
import { appendCustomerHistory, isSelfOrDescendant, type CustomerKind, type CustomerRecord, type CustomerWrite, type Executor } from '@patron/db';
import { pinyinKeys, type AccessContext } from '@patron/domain';
import { formatFen } from '@patron/domain/money';
import { audit } from '../../audit';
import { invalid } from '../../errors';
import { publishCustomerChange } from '../tmf/customer.tmf-events';
import { maskForAudit } from './customer.serializer';
import { orgUnitInReach, parentGroupInScope, phoneManagerInReach } from './customer-references';

export type ProfileInput = z.output<typeof CustomerPatch>;

/** Search keys travel with the name, so whoever writes a name writes them too. */
export function nameKeys(name: string, kind: CustomerKind): Pick<CustomerWrite, 'name' | 'namePinyin' | 'nameInitials'> {
  const keys = pinyinKeys(name, { personName: kind === 'individual' });
  return { name, namePinyin: keys.full, nameInitials: keys.initials };
}

/**
 * Turns profile fields as the API names them into column values, resolving the references (org
 * unit, phone manager, parent group) against the caller's reach. Absent keys stay absent (a patch
 * leaves them alone); null clears.
 */
export async function profileToWrite(
  tx: Executor,
  access: AccessContext,
  input: ProfileInput,
  customer: { id: number | null; kind: CustomerKind },
): Promise<CustomerWrite> {
  const { name, orgUnit, phoneManager, parentCustomerNo, creditLimit, ...plain } = input;
  const write: CustomerWrite = { ...plain };
  if (name !== undefined) Object.assign(write, nameKeys(name, customer.kind));
  if (orgUnit !== undefined) write.orgUnitId = (await orgUnitInReach(tx, access, orgUnit)).id;
  if (phoneManager !== undefined) write.phoneManagerId = phoneManager === null ? null : await phoneManagerInReach(tx, access, phoneManager);
  if (parentCustomerNo !== undefined) {
    if (parentCustomerNo === null) write.parentCustomerId = null;
    else {
      const parent = await parentGroupInScope(tx, access, parentCustomerNo);
      if (customer.id !== null && (await isSelfOrDescendant(tx, parent.id, customer.id))) {
        throw invalid('parentCustomerNo', `${parentCustomerNo} is this customer or one of its member units`);
      }
      write.parentCustomerId = parent.id;
    }
  }
  if (creditLimit !== undefined) write.creditLimitFen = creditLimit;
  return write;
}

const SNAPSHOT_KEYS = [
  'name',
  'grade',
  'star',
  'phone',
  'idNumber',
  'address',
  'orgUnit',
  'accountManager',
  'phoneManager',
  'parentCustomerNo',
  'activatedOn',
  'archive',
  'retainedReason',
  'retainedCompetitor',
  'retainedNote',
  'segment',
  'gender',
  'birthday',
  'email',
  'employer',
  'title',
  'brand',
  'uscc',
  'industry',
  'groupClass',
  'staffCount',
  'relationshipStage',
  'gradeValidFrom',
  'gradeValidTo',
  'creditScore',
  'tempCreditUntil',
  'nonCreditControl',
  'preferredChannel',
  'doNotDisturb',
  'marketingConsent',
] as const satisfies readonly (keyof CustomerRecord)[];

export type Snapshot = Record<string, unknown>;

/** The customer's profile in API names and units (codes, usernames, yuan): what history shows people. */
export function snapshot(record: CustomerRecord): Snapshot {
  const values: Snapshot = Object.fromEntries(SNAPSHOT_KEYS.map((key) => [key, record[key]]));
  values.creditLimit = record.creditLimitFen === null ? null : formatFen(record.creditLimitFen);
  values.tempCredit = record.tempCreditFen === null ? null : formatFen(record.tempCreditFen);
  return values;
}

/** Only what changed, or undefined when nothing did (a no-op patch writes no history). */
export function diff(before: Snapshot, after: Snapshot): { before: Snapshot; after: Snapshot } | undefined {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
  if (keys.length === 0) return undefined;
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(keys.map((key) => [key, after[key] ?? null])),
  };
}

/** Drops null and undefined: a created customer's history shows what was filled in. */
export function filled(values: Snapshot): Snapshot {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined));
}

/** Records a change twice in one transaction: customer history (what people read) and audit (who, from where). */
export async function recordChange(
  tx: Executor,
  request: FastifyRequest,
  change: { customer: CustomerRecord; action: string; before?: unknown; after?: unknown; reason?: string | null },
): Promise<void> {
  const access = request.access!;
  await appendCustomerHistory(tx, [
    {
      customerId: change.customer.id,
      actorId: access.userId,
      actorName: access.username,
      action: change.action,
      before: change.before,
      after: change.after,
      reason: change.reason ?? null,
    },
  ]);
  await audit(tx, request, {
    action: `customer.${change.action}`,
    entityType: 'customer',
    entityId: change.customer.id,
    before: maskForAudit(change.before),
    after: maskForAudit(change.after),
    reason: change.reason ?? null,
  });
  const changed = change.after !== null && typeof change.after === 'object' ? Object.keys(change.after) : undefined;
  await publishCustomerChange(tx, change.customer, change.action, request.server.deps.now(), changed);
}
