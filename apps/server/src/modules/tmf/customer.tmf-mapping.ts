import type { CustomerRecord } from '@patron/db';
import type { AccessContext } from '@patron/domain';

/** Whose field policy masks the PII: the calling client, or nobody's (events go to several listeners). */
export type FieldPolicy = Pick<AccessContext, 'unmaskedFields'>;
import { maskCustomer } from '../customers/customer.serializer';
import type { TmfLinks } from './tmf-http';
import { compact, rfc3339 } from './tmf-query';

/** A key account's party: a person (Individual) or a company (Organization), told by the customer kind. */
const partyTypeOf = (record: Pick<CustomerRecord, 'kind'>) => (record.kind === 'group' ? 'Organization' : 'Individual');
const partyResourceOf = (record: Pick<CustomerRecord, 'kind'>) => (record.kind === 'group' ? 'organization' : 'individual');

/** Our documented TMF629 status vocabulary: in the network `active`, in the retained archive `closed`. */
const customerStatusOf = (record: Pick<CustomerRecord, 'archive'>) => (record.archive === 'in_network' ? 'active' : 'closed');

/** Phone, e-mail and address as TMF contact media, already masked by the caller's field policy. */
function contactMediaOf(masked: CustomerRecord) {
  return [
    masked.phone === null ? undefined : { mediumType: 'mobile', preferred: true, characteristic: { '@type': 'MediumCharacteristic', contactType: 'mobile', phoneNumber: masked.phone } },
    masked.email === null ? undefined : { mediumType: 'email', characteristic: { '@type': 'MediumCharacteristic', contactType: 'email', emailAddress: masked.email } },
    masked.address === null ? undefined : { mediumType: 'postalAddress', characteristic: { '@type': 'MediumCharacteristic', contactType: 'postalAddress', street1: masked.address, country: 'CN' } },
  ].filter((medium) => medium !== undefined);
}

const nonEmpty = <T>(items: T[]) => (items.length > 0 ? items : undefined);

function accountManagerOf(record: CustomerRecord) {
  return record.accountManager === null
    ? []
    : [{ id: record.accountManager, name: record.accountManagerName ?? record.accountManager, role: 'accountManager', '@referredType': 'Individual' }];
}

/** TMF629 Customer: the key account's customer role; its engagedParty is the person or company. */
export function toTmfCustomer(record: CustomerRecord, access: FieldPolicy, links: TmfLinks) {
  const masked = maskCustomer(record, access);
  const characteristic = [
    { name: 'grade', value: record.grade, valueType: 'string' },
    { name: 'segment', value: record.segment, valueType: 'string' },
    { name: 'orgUnit', value: record.orgUnit, valueType: 'string' },
    ...(record.star === null ? [] : [{ name: 'star', value: record.star, valueType: 'integer' }]),
    { name: 'keyAccount', value: true, valueType: 'boolean' },
  ];
  return compact({
    id: record.customerNo,
    href: links.href('customerManagement', 'customer', record.customerNo),
    '@type': 'Customer',
    name: record.name,
    status: customerStatusOf(record),
    statusReason: record.retainedReason ?? undefined,
    engagedParty: {
      id: record.customerNo,
      href: links.href('party', partyResourceOf(record), record.customerNo),
      name: record.name,
      '@referredType': partyTypeOf(record),
    },
    characteristic,
    contactMedium: nonEmpty(contactMediaOf(masked)),
    relatedParty: nonEmpty(accountManagerOf(record)),
    validFor: record.activatedOn === null ? undefined : { startDateTime: `${record.activatedOn}T00:00:00.000+08:00` },
  });
}

/** TMF632 Individual: a Chinese name is family name first (one character for all but a few compound names). */
export function toIndividual(record: CustomerRecord, access: FieldPolicy, links: TmfLinks) {
  const masked = maskCustomer(record, access);
  const birthday = masked.birthday !== null && /^\d{4}-\d{2}-\d{2}$/.test(masked.birthday) ? `${masked.birthday}T00:00:00.000+08:00` : undefined;
  return compact({
    id: record.customerNo,
    href: links.href('party', 'individual', record.customerNo),
    '@type': 'Individual',
    familyName: record.name.slice(0, 1),
    givenName: record.name.slice(1) || record.name,
    fullName: record.name,
    formattedName: record.name,
    gender: record.gender ?? undefined,
    birthDate: birthday,
    status: record.archive === 'in_network' ? 'validated' : 'initialized',
    contactMedium: nonEmpty(contactMediaOf(masked)),
    individualIdentification:
      masked.idNumber === null ? undefined : [{ identificationId: masked.idNumber, identificationType: 'residentIdentityCard', '@type': 'IndividualIdentification' }],
    relatedParty: nonEmpty(accountManagerOf(record)),
  });
}

/** TMF632 Organization: tradingName is the v4 mandatory name. */
export function toOrganization(record: CustomerRecord, access: FieldPolicy, links: TmfLinks) {
  const masked = maskCustomer(record, access);
  return compact({
    id: record.customerNo,
    href: links.href('party', 'organization', record.customerNo),
    '@type': 'Organization',
    name: record.name,
    tradingName: record.name,
    isLegalEntity: true,
    organizationType: record.industry ?? undefined,
    status: record.archive === 'in_network' ? 'validated' : 'closed',
    contactMedium: nonEmpty(contactMediaOf(masked)),
    organizationIdentification:
      record.uscc === null ? undefined : [{ identificationId: record.uscc, identificationType: 'USCC', '@type': 'OrganizationIdentification' }],
    relatedParty: nonEmpty(accountManagerOf(record)),
    existsDuring: record.activatedOn === null ? undefined : { startDateTime: rfc3339(new Date(`${record.activatedOn}T00:00:00+08:00`)) },
  });
}
