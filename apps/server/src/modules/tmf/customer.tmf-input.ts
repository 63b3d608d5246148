import { ArchiveBody, CustomerCreate, CustomerPatch } from '@patron/contracts';
import type { CustomerRecord } from '@patron/db';
import { DEFAULT_CALENDAR_ZONE, ZONE_OFFSET_MINUTES, type AccessContext } from '@patron/domain';
import type { z } from 'zod';
import { AppError, invalid } from '../../errors';
import type { ProfileInput } from '../customers/customer-changes';
import type { ArchiveInput, CustomerCreateInput } from '../customers/customer.service';
import { maskCustomer } from '../customers/customer.serializer';
import { refuseAttributes } from './tmf-http';

/**
 * TMF629/TMF632 bodies → the customer archive's own inputs (CustomerCreate / CustomerPatch /
 * ArchiveBody), so the same validation, history and audit apply as for /api/v1. Attributes Patron
 * does not keep are refused rather than dropped.
 */

type Json = Record<string, unknown>;

interface ContactMedium {
  mediumType: string;
  characteristic?: { phoneNumber?: string; emailAddress?: string; street1?: string; street2?: string; city?: string };
}

/** Our profile field behind each contact medium, and the medium characteristic that carries it. */
const MEDIA = {
  mobile: { field: 'phone', value: (medium: ContactMedium) => medium.characteristic?.phoneNumber },
  phone: { field: 'phone', value: (medium: ContactMedium) => medium.characteristic?.phoneNumber },
  email: { field: 'email', value: (medium: ContactMedium) => medium.characteristic?.emailAddress },
  postalAddress: {
    field: 'address',
    value: (medium: ContactMedium) => [medium.characteristic?.street1, medium.characteristic?.street2].filter(Boolean).join(' ') || undefined,
  },
} as const satisfies Record<string, { field: 'phone' | 'email' | 'address'; value: (medium: ContactMedium) => string | undefined }>;

const KEPT_CHARACTERISTICS = ['grade', 'segment', 'star', 'orgUnit', 'keyAccount'] as const;

function zodIssues(error: z.ZodError, prefix: string): AppError {
  return new AppError(
    'validation.failed',
    'Invalid customer',
    error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issue.message })),
  );
}

/**
 * Contact media as profile fields. A value a client read masked and sends back unchanged
 * (138****1234) leaves the field alone; merge-patch semantics make a listed array the whole set, so
 * a medium left out of a PATCH is cleared.
 */
function contactFieldsOf(media: unknown, current: CustomerRecord | undefined, access: AccessContext, clearMissing: boolean): Json {
  const masked = current ? maskCustomer(current, access) : undefined;
  const fields: Json = clearMissing ? { phone: null, email: null, address: null } : {};
  ((media ?? []) as ContactMedium[]).forEach((medium, index) => {
    const kind = MEDIA[medium.mediumType as keyof typeof MEDIA];
    if (!kind) throw invalid(`body.contactMedium.${index}.mediumType`, `one of ${Object.keys(MEDIA).join(', ')}`);
    const value = kind.value(medium);
    if (value === undefined) throw invalid(`body.contactMedium.${index}.characteristic`, `a ${medium.mediumType} medium carries its value`);
    if (current && masked && value === masked[kind.field]) delete fields[kind.field];
    else if (value.includes('*')) throw invalid(`body.contactMedium.${index}`, 'a masked value cannot be written: send the full value');
    else fields[kind.field] = value;
  });
  return fields;
}

function characteristicFieldsOf(characteristics: unknown): Json {
  const fields: Json = {};
  ((characteristics ?? []) as { name: string; value: unknown }[]).forEach((characteristic, index) => {
    if (!(KEPT_CHARACTERISTICS as readonly string[]).includes(characteristic.name)) {
      throw invalid(`body.characteristic.${index}.name`, `one of ${KEPT_CHARACTERISTICS.join(', ')}`);
    }
    // Every customer served here is a key account: the flag is read-only.
    if (characteristic.name !== 'keyAccount') fields[characteristic.name] = characteristic.value;
  });
  return fields;
}

/** The account manager named in relatedParty (role accountManager, id = username). */
function accountManagerOf(parties: unknown): string | undefined {
  const list = (parties ?? []) as { id: string; role?: string }[];
  const other = list.findIndex((party) => party.role !== 'accountManager');
  if (other >= 0) throw invalid(`body.relatedParty.${other}.role`, 'only "accountManager" (id = username) is kept on a customer');
  return list[0]?.id;
}

const NOT_KEPT = ['account', 'agreement', 'paymentMethod', 'creditProfile', 'validFor'];
const SERVER_KEPT = ['id', 'href', '@baseType', '@schemaLocation'];

/** POST /customer: the engaged party's id becomes the customer number, its type the kind. */
export function customerCreateOf(body: Json, access: AccessContext): CustomerCreateInput {
  refuseAttributes(body, [...NOT_KEPT, ...SERVER_KEPT], 'Patron does not take this attribute on a new customer');
  if (body.status !== undefined && body.status !== 'active') throw invalid('body.status', 'a new customer starts active (in the network)');
  const party = body.engagedParty as { id: string; '@referredType': string };
  const kind = { Organization: 'group', Individual: 'individual' }[party['@referredType']];
  if (kind === undefined) throw invalid('body.engagedParty.@referredType', 'Organization or Individual');
  const accountManager = accountManagerOf(body.relatedParty);
  const parsed = CustomerCreate.safeParse({
    customerNo: party.id,
    kind,
    name: body.name,
    orgUnit: access.orgUnitCode,
    ...characteristicFieldsOf(body.characteristic),
    ...contactFieldsOf(body.contactMedium, undefined, access, false),
    ...(accountManager === undefined ? {} : { accountManager }),
  });
  if (!parsed.success) throw zodIssues(parsed.error, 'body');
  return parsed.data;
}

/** What a TMF PATCH asks of a customer: profile fields, and an archive move when the status changes. */
export interface CustomerPatchPlan {
  profile: ProfileInput;
  /** `closed`: to the retained archive; `active`: back into the network. */
  move?: { to: 'retained'; archive: ArchiveInput } | { to: 'in_network'; note: string | null };
}

function profileOf(fields: Json): ProfileInput {
  const parsed = CustomerPatch.safeParse(fields);
  if (!parsed.success) throw zodIssues(parsed.error, 'body');
  return parsed.data;
}

function archiveOf(statusReason: unknown, note: string): ArchiveInput {
  const parsed = ArchiveBody.safeParse({ reason: statusReason ?? 'other', note });
  if (!parsed.success) throw invalid('body.statusReason', 'the reason for the retained archive: demoted, churned, moved_away, closed or other');
  return parsed.data;
}

/** PATCH /customer/{id}: name, contact media, characteristics; status active ↔ closed moves the archive. */
export function customerPatchOf(body: Json, current: CustomerRecord, access: AccessContext): CustomerPatchPlan {
  refuseAttributes(body, [...NOT_KEPT, ...SERVER_KEPT, 'relatedParty'], 'This attribute of a customer cannot be changed through TMF (account managers are assigned in Patron)');
  const engaged = body.engagedParty as { id?: string } | undefined;
  if (engaged !== undefined && engaged.id !== current.customerNo) throw invalid('body.engagedParty.id', 'a customer keeps its party');
  const fields: Json = {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...characteristicFieldsOf(body.characteristic),
    ...(body.contactMedium === undefined ? {} : contactFieldsOf(body.contactMedium, current, access, true)),
  };
  const status = body.status as string | undefined;
  const currentStatus = current.archive === 'in_network' ? 'active' : 'closed';
  if (status === undefined || status === currentStatus) return { profile: profileOf(fields) };
  if (status === 'closed') return { profile: profileOf(fields), move: { to: 'retained', archive: archiveOf(body.statusReason, 'closed through TMF629') } };
  if (status === 'active') return { profile: profileOf(fields), move: { to: 'in_network', note: typeof body.statusReason === 'string' ? body.statusReason : null } };
  throw invalid('body.status', 'active (in the network) or closed (retained archive)');
}

/** The retained-archive move a DELETE makes: `?statusReason=` may name why (default other). */
export function customerDeletionOf(statusReason: string | undefined): ArchiveInput {
  return archiveOf(statusReason, 'deleted through TMF629');
}

/** PATCH /individual/{id} or /organization/{id}: the party's own attributes of the same customer record. */
export function partyPatchOf(type: 'Individual' | 'Organization', body: Json, current: CustomerRecord, access: AccessContext): ProfileInput {
  refuseAttributes(body, [...SERVER_KEPT, 'status', 'relatedParty', 'partyCharacteristic', 'externalReference', 'creditRating', 'skill', 'taxExemptionCertificate', 'disability', 'languageAbility', 'otherName'], 'This attribute of a party cannot be changed through TMF');
  const fields: Json = body.contactMedium === undefined ? {} : contactFieldsOf(body.contactMedium, current, access, true);
  if (type === 'Individual') {
    refuseAttributes(body, ['tradingName', 'organizationType', 'organizationIdentification'], 'Not an attribute of an Individual');
    const family = body.familyName as string | undefined;
    const given = body.givenName as string | undefined;
    // A Chinese name is the family name followed by the given name, without a space.
    const fullName = (body.fullName as string | undefined) ?? (family !== undefined || given !== undefined ? `${family ?? current.name.slice(0, 1)}${given ?? current.name.slice(1)}` : undefined);
    if (fullName !== undefined) fields.name = fullName;
    if (body.gender !== undefined) fields.gender = body.gender;
    if (body.birthDate !== undefined) fields.birthday = body.birthDate === null ? null : shanghaiDateOf(String(body.birthDate));
    const identification = body.individualIdentification as { identificationId: string }[] | undefined;
    if (identification !== undefined) fields.idNumber = identification[0]?.identificationId ?? null;
  } else {
    refuseAttributes(body, ['givenName', 'familyName', 'fullName', 'gender', 'birthDate', 'individualIdentification'], 'Not an attribute of an Organization');
    const name = (body.tradingName ?? body.name) as string | undefined;
    if (name !== undefined) fields.name = name;
    if (body.organizationType !== undefined) fields.industry = body.organizationType;
    const identification = body.organizationIdentification as { identificationId: string }[] | undefined;
    if (identification !== undefined) fields.uscc = identification[0]?.identificationId ?? null;
  }
  if (typeof fields.idNumber === 'string' && fields.idNumber.includes('*')) delete fields.idNumber;
  return profileOf(fields);
}

/** A birth date sent as an instant is the calendar day in Asia/Shanghai. */
function shanghaiDateOf(value: string): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid('body.birthDate', 'must be an RFC 3339 date-time');
  return new Date(at.getTime() + ZONE_OFFSET_MINUTES[DEFAULT_CALENDAR_ZONE] * 60_000).toISOString().slice(0, 10);
}
