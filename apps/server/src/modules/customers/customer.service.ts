import type { z } from 'zod';
import type { ArchiveBody, CustomerCreate } from '@patron/contracts';
import { findCustomer, insertCustomer, lockCustomer, updateCustomer, type CustomerRecord, type CustomerWrite, type Executor } from '@patron/db';
import { lockAccountManager } from '@patron/db/repositories/customer-assignment.repository';
import type { AccessContext, BusinessDate } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { businessToday } from '../calendar/calendar-http';
import { countByTier, limitExceeded } from './assignment.policy';
import { excessesFor } from './assignment.service';
import { diff, filled, profileToWrite, recordChange, snapshot, type ProfileInput } from './customer-changes';

/**
 * Changes to the customer archive, each inside the caller's transaction with its history and audit
 * entries: shared by /api/v1/customers and the TMF629/TMF632 façade.
 */

export type CustomerCreateInput = z.output<typeof CustomerCreate>;
export type ArchiveInput = z.output<typeof ArchiveBody>;

/**
 * The lead on creation: account managers take their own customers; others may name an account
 * manager in their subtree. Giving a lead is an assignment, so the same load limits apply; `grade`
 * is null for the retained archive, which takes no service capacity.
 */
async function leadForCreate(
  tx: Executor,
  access: AccessContext,
  username: string | null | undefined,
  grade: CustomerRecord['grade'] | null,
  today: BusinessDate,
) {
  const ownCustomers = access.dataScope === 'own';
  if (ownCustomers && username != null && username !== access.username) {
    throw invalid('accountManager', 'An account manager creates customers for themselves');
  }
  const wanted = ownCustomers ? access.username : username;
  if (wanted == null) return null;
  const manager = await lockAccountManager(tx, wanted, access.orgPath);
  if (!manager) throw invalid('accountManager', `No active account manager ${wanted} in your organisation`);
  if (grade !== null) {
    const excesses = await excessesFor(tx, manager, countByTier([grade]), today);
    if (excesses.length > 0) throw limitExceeded(excesses);
  }
  return manager.id;
}

export async function createCustomerIn(tx: Executor, request: FastifyRequest, input: CustomerCreateInput, now: Date): Promise<CustomerRecord> {
  const access = request.access!;
  const { customerNo, kind, accountManager, archive, retainedReason, retainedCompetitor, retainedNote, ...profile } = input;
  const write = await profileToWrite(tx, access, profile, { id: null, kind });
  const leadId = await leadForCreate(tx, access, accountManager, archive === 'in_network' ? profile.grade ?? 'none' : null, businessToday(now));
  const values: CustomerWrite & Required<Pick<CustomerWrite, 'customerNo' | 'kind' | 'name' | 'orgUnitId'>> = {
    // A group is filed in the group segment unless said otherwise (政企 vs individual service rules).
    segment: kind === 'group' ? 'group' : 'individual',
    ...write,
    customerNo,
    kind,
    name: profile.name,
    // orgUnit is required in a create, so profileToWrite has resolved it (or refused).
    orgUnitId: write.orgUnitId as number,
    accountManagerId: leadId,
    archive,
    ...(archive === 'retained' ? { retainedReason, retainedCompetitor: retainedCompetitor ?? null, retainedNote: retainedNote ?? null, retainedAt: now } : {}),
  };
  const id = await insertCustomer(tx, values);
  if (id === undefined) throw conflict(`Customer ${customerNo} exists`, [{ path: 'customerNo', message: 'taken' }]);
  // What the caller creates it must be able to see; otherwise say so and keep nothing.
  const customer = await findCustomer(tx, access, id);
  if (!customer) throw invalid('accountManager', 'The customer would be outside your scope: give it a manager you oversee');
  await recordChange(tx, request, { customer, action: 'create', after: filled(snapshot(customer)) });
  return customer;
}

/**
 * Changes a customer in the caller's scope: locks it, writes what `write` makes of the locked record,
 * and records the history and audit of what actually changed (nothing when nothing did).
 */
export async function changeCustomerIn(
  tx: Executor,
  request: FastifyRequest,
  id: number,
  write: (before: CustomerRecord) => Promise<CustomerWrite>,
  action: string,
  reason: string | null = null,
): Promise<CustomerRecord> {
  const access = request.access!;
  const before = await lockCustomer(tx, access, id);
  if (!before) throw notFound('Customer');
  await updateCustomer(tx, access, id, await write(before));
  const after = await findCustomer(tx, access, id);
  if (!after) throw invalid('orgUnit', 'The change would move the customer outside your scope');
  const changes = diff(snapshot(before), snapshot(after));
  if (changes) await recordChange(tx, request, { customer: after, action, ...changes, reason });
  return after;
}

export function patchCustomerIn(tx: Executor, request: FastifyRequest, id: number, body: ProfileInput): Promise<CustomerRecord> {
  return changeCustomerIn(
    tx,
    request,
    id,
    async (before) => {
      const validFrom = body.gradeValidFrom !== undefined ? body.gradeValidFrom : before.gradeValidFrom;
      const validTo = body.gradeValidTo !== undefined ? body.gradeValidTo : before.gradeValidTo;
      if (validFrom && validTo && validFrom > validTo) throw invalid('gradeValidTo', 'must not be before gradeValidFrom');
      return profileToWrite(tx, request.access!, body, before);
    },
    'update',
  );
}

/** Moves a customer to the retained archive (留存库) with the reason: nothing is deleted. */
export async function archiveCustomerIn(tx: Executor, request: FastifyRequest, id: number, input: ArchiveInput, now: Date): Promise<CustomerRecord> {
  const access = request.access!;
  const { reason, competitor, note } = input;
  const before = await lockCustomer(tx, access, id);
  if (!before) throw notFound('Customer');
  if (before.archive === 'retained') throw new AppError('state.illegal_transition', 'The customer is already in the retained archive');
  await updateCustomer(tx, access, before.id, {
    archive: 'retained',
    retainedReason: reason,
    retainedCompetitor: competitor ?? null,
    retainedNote: note ?? null,
    retainedAt: now,
  });
  const after = (await findCustomer(tx, access, before.id))!;
  await recordChange(tx, request, {
    customer: after,
    action: 'archive',
    before: { archive: before.archive },
    after: { archive: after.archive, retainedReason: reason, retainedCompetitor: competitor ?? null, retainedNote: note ?? null },
    reason: note ?? reason,
  });
  return after;
}

export async function restoreCustomerIn(tx: Executor, request: FastifyRequest, id: number, note: string | null): Promise<CustomerRecord> {
  const access = request.access!;
  const before = await lockCustomer(tx, access, id);
  if (!before) throw notFound('Customer');
  if (before.archive === 'in_network') throw new AppError('state.illegal_transition', 'The customer is already in the in-network archive');
  await updateCustomer(tx, access, before.id, {
    archive: 'in_network',
    retainedReason: null,
    retainedCompetitor: null,
    retainedNote: null,
    retainedAt: null,
  });
  const after = (await findCustomer(tx, access, before.id))!;
  await recordChange(tx, request, {
    customer: after,
    action: 'restore',
    before: {
      archive: before.archive,
      retainedReason: before.retainedReason,
      retainedCompetitor: before.retainedCompetitor,
      retainedNote: before.retainedNote,
    },
    after: { archive: after.archive },
    reason: note,
  });
  return after;
}
