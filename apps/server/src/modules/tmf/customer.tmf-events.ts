import { tmfListenerRoot, type CustomerRecord, type Executor } from '@patron/db';
import { orgUnitPath } from '../customers/customer-references';
import { toIndividual, toOrganization, toTmfCustomer, type FieldPolicy } from './customer.tmf-mapping';
import { publishTmfEvent, type TmfEventKind } from './tmf-events';
import { linksAt } from './tmf-http';

/** One event goes to every listener in reach, whatever its field policy: PII is always masked in events. */
const NO_PII: FieldPolicy = { unmaskedFields: new Set() };

/** History actions of the customer archive that TMF sees, and the event each one is. */
const KIND_OF_ACTION: Readonly<Record<string, TmfEventKind>> = {
  create: 'Create',
  update: 'AttributeValueChange',
  assign: 'AttributeValueChange',
  archive: 'StateChange',
  restore: 'StateChange',
  delete: 'Delete',
};

/** Our profile fields as the TMF attributes that show them (`fieldPath` of an AttributeValueChangeEvent). */
const TMF_ATTRIBUTE_OF: Readonly<Record<string, string>> = {
  name: 'name',
  phone: 'contactMedium',
  email: 'contactMedium',
  address: 'contactMedium',
  grade: 'characteristic',
  segment: 'characteristic',
  star: 'characteristic',
  orgUnit: 'characteristic',
  accountManager: 'relatedParty',
  archive: 'status',
  retainedReason: 'statusReason',
};

function fieldPathOf(changed: readonly string[]): string[] {
  return [...new Set(changed.map((field) => TMF_ATTRIBUTE_OF[field] ?? field))];
}

/**
 * Publishes a customer-archive change as a TMF629 Customer event and a TMF632 Individual or
 * Organization event (the same record seen as its party), in the caller's transaction. Other history
 * actions (contacts, competitors) change nothing TMF renders and send nothing.
 */
export async function publishCustomerChange(tx: Executor, customer: CustomerRecord, action: string, at: Date, changed?: readonly string[]): Promise<void> {
  const kind = KIND_OF_ACTION[action];
  if (kind === undefined) return;
  const [customerRoot, partyRoot] = await Promise.all([tmfListenerRoot(tx, 'customerManagement'), tmfListenerRoot(tx, 'party')]);
  if (customerRoot === undefined && partyRoot === undefined) return;
  const orgPath = await orgUnitPath(tx, customer.orgUnit);
  const common = { kind, ...(changed && kind === 'AttributeValueChange' ? { fieldPath: fieldPathOf(changed) } : {}), orgPath, at };
  if (customerRoot !== undefined) {
    await publishTmfEvent(tx, { api: 'customerManagement', resource: 'customer', body: toTmfCustomer(customer, NO_PII, linksAt(customerRoot)), ...common });
  }
  if (partyRoot !== undefined) {
    const links = linksAt(partyRoot);
    const party = customer.kind === 'group' ? { resource: 'organization', body: toOrganization(customer, NO_PII, links) } : { resource: 'individual', body: toIndividual(customer, NO_PII, links) };
    await publishTmfEvent(tx, { api: 'party', ...party, ...common });
  }
}
