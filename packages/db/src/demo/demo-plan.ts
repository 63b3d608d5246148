import type { RoleCode } from '@patron/domain';
import { pinyinKeys } from '@patron/domain/search/search-keys';
import type { Gender } from '@patron/domain/validation/resident-id';
import {
  DEMO_ACCOUNT_MANAGER_COUNT,
  DEMO_CITIES,
  DEMO_CITY_MAIN,
  DEMO_CITY_SECOND,
  DEMO_GRADES,
  DEMO_GUEST_LOAD_LIMIT,
  DEMO_MAIN_CITY_GRADES,
  DEMO_PERSONA_BOOK,
  DEMO_PERSONAS,
  DEMO_PHONE_MANAGER_SHARE,
  DEMO_PROVINCE,
  DEMO_SECOND_CITY_AM_BOOK,
  DEMO_SECOND_CITY_GRADES,
  DEMO_SECOND_CITY_MANAGERS,
  DEMO_VIP_LOAD_LIMIT,
  type DemoCity,
  type DemoDistrict,
  type DemoGrade,
  type GradeCounts,
} from './demo-catalog';
import {
  activationDate,
  companyName,
  drawPersonName,
  homeAddress,
  mobileNumber,
  officeAddress,
  personKeys,
  personName,
  residentIdentity,
  type Registries,
} from './demo-people';
import { seededRandom, type SeededRandom } from './seeded-random';
import { planStructure } from './demo-structure';
import { planService } from './demo-service';
import { planProfiles, planRelations } from './demo-profile';
import { planServiceQuality, type DemoServiceQuality } from './demo-service-quality';

/**
 * The whole demo data set as plain values, built from a seed without touching a database, so the
 * generator can be tested in milliseconds and the insert step stays a dumb loader.
 */

export type PlannedOrgKind = 'province' | 'city' | 'district' | 'team';

export interface PlannedOrgUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: PlannedOrgKind;
  /** 'HQ' for the province. */
  readonly parentCode: string;
  readonly path: string;
  readonly sortOrder: number;
}

export interface PlannedUser {
  readonly username: string;
  readonly displayName: string;
  readonly orgUnit: string;
  readonly roles: readonly RoleCode[];
  readonly phone: string | null;
  readonly email: string | null;
}

export type PlannedGrade = DemoGrade | 'none';
export type RetainedReason = 'demoted' | 'churned' | 'moved_away' | 'closed' | 'potential';

/** Who a customer is and who serves it: what the foundation's demo data had. */
export interface CoreCustomer {
  readonly customerNo: string;
  readonly kind: 'individual' | 'group';
  readonly name: string;
  readonly namePinyin: string;
  readonly nameInitials: string;
  /** 'none' for member units and retained records: they are not key accounts of their own. */
  readonly grade: PlannedGrade;
  readonly star: number | null;
  readonly phone: string;
  /** Resident ID for individuals; null for groups (their USCC lives in the group archive). */
  readonly idNumber: string | null;
  readonly address: string;
  /** District code: customers sit in their account manager's district. */
  readonly orgUnit: string;
  readonly accountManager: string | null;
  readonly phoneManager: string | null;
  /** Null only for prospects who were never our customers. */
  readonly activatedOn: string | null;
  /** The group a member unit (分支机构) belongs to. */
  readonly parentCustomerNo: string | null;
  readonly archive: 'in_network' | 'retained';
  readonly retainedReason: RetainedReason | null;
  readonly retainedCompetitor: string | null;
  readonly retainedNote: string | null;
  /** ISO timestamp with offset. */
  readonly retainedAt: string | null;
}

/** The archive's profile fields (DOMAIN §2.1). Money in fen. */
export interface CustomerProfile {
  readonly segment: 'individual' | 'family' | 'group';
  readonly gender: 'male' | 'female' | null;
  readonly birthday: string | null;
  readonly email: string | null;
  readonly employer: string | null;
  readonly title: string | null;
  readonly brand: string | null;
  readonly uscc: string | null;
  readonly industry: string | null;
  readonly groupClass: 'A' | 'B' | 'C' | null;
  readonly staffCount: number | null;
  readonly relationshipStage: 'gestation' | 'initial' | 'middle' | 'strategic' | null;
  readonly gradeValidFrom: string | null;
  readonly gradeValidTo: string | null;
  readonly creditScore: number | null;
  readonly creditLimitFen: number | null;
  readonly tempCreditFen: number | null;
  readonly tempCreditUntil: string | null;
  readonly nonCreditControl: boolean;
  readonly pointsBalance: number;
  readonly preferredChannel: string | null;
  readonly doNotDisturb: boolean;
  readonly marketingConsent: boolean;
}

export type PlannedCustomer = CoreCustomer & CustomerProfile;

/**
 * Key accounts are what the deck counts: in-network customers with a grade. Member units serve
 * under their group's grade and retained records are no longer (or not yet) key accounts, so both
 * carry grade 'none' and leave DEMO_MAIN_CITY_GRADES exact.
 */
export function isKeyAccount(customer: Pick<CoreCustomer, 'archive' | 'grade'>): boolean {
  return customer.archive === 'in_network' && customer.grade !== 'none';
}

export interface PlannedAssistingManager {
  readonly customerNo: string;
  readonly username: string;
  readonly since: string;
}

export interface PlannedContact {
  readonly customerNo: string;
  readonly name: string;
  readonly role: 'leader' | 'key_person' | 'daily_contact' | 'finance' | 'it';
  readonly title: string;
  readonly phone: string;
  readonly email: string | null;
  readonly influence: number;
  readonly preferences: string | null;
  readonly birthday: string | null;
}

export interface PlannedEvent {
  readonly customerNo: string;
  readonly occurredOn: string;
  readonly kind: 'merger' | 'move' | 'tender' | 'anniversary' | 'leadership_change' | 'other';
  readonly title: string;
  readonly note: string | null;
  readonly createdBy: string | null;
}

export interface PlannedCompetitor {
  readonly customerNo: string;
  readonly competitor: string;
  readonly products: string;
  readonly contractEndOn: string | null;
  readonly shareOfWallet: number;
  readonly monthlySpendFen: number;
  readonly note: string | null;
}

export type LineType = 'mobile' | 'fixed' | 'broadband' | 'circuit' | 'iot';
export type LineStatus = 'normal' | 'suspended' | 'pre_cancelled' | 'cancelled';

export interface PlannedLine {
  readonly lineNo: string;
  readonly customerNo: string;
  readonly type: LineType;
  readonly package: string;
  readonly brand: string | null;
  readonly status: LineStatus;
  readonly activatedOn: string;
  readonly ownerName: string;
  readonly holderName: string | null;
  readonly aEnd: string | null;
  readonly bEnd: string | null;
  readonly bandwidth: string | null;
  readonly slaTier: 'urgent' | 'expedited' | 'normal' | null;
}

/**
 * One bill per customer and month, column-wise (a quarter of a million rows). `customer` indexes
 * DemoPlan.customers, `month` counts from DEMO_FIRST_BILL_MONTH, `paidOn` counts days from its first
 * day (-1: nothing paid). Rows are ordered by customer, then month.
 */
export interface PlannedBills {
  readonly customer: Int32Array;
  readonly month: Int32Array;
  readonly amountFen: Int32Array;
  readonly paidFen: Int32Array;
  readonly paidOn: Int32Array;
}

export interface PlannedSuspension {
  readonly lineNo: string;
  readonly kind: 'arrears' | 'request' | 'loss' | 'administrative';
  /** ISO timestamps with offset. */
  readonly suspendedAt: string;
  readonly restoredAt: string | null;
  readonly remindedAt: string | null;
  readonly remindedBy: string | null;
  readonly reminderChannel: 'phone' | 'sms' | null;
}

export interface DemoPlan {
  readonly seed: number;
  readonly orgUnits: readonly PlannedOrgUnit[];
  readonly users: readonly PlannedUser[];
  /** Key accounts first (as the foundation generated them), then member units, then retained records. */
  readonly customers: readonly PlannedCustomer[];
  /** The 200-line group of the 360-view performance target. */
  readonly showcaseCustomerNo: string;
  readonly assistingManagers: readonly PlannedAssistingManager[];
  readonly contacts: readonly PlannedContact[];
  readonly events: readonly PlannedEvent[];
  readonly competitors: readonly PlannedCompetitor[];
  readonly lines: readonly PlannedLine[];
  readonly bills: PlannedBills;
  /** Payments are one per paid bill; the loader derives them from the bills. */
  readonly suspensions: readonly PlannedSuspension[];
  /** DEMO-01's last twelve months of complaints, revisits and survey answers. */
  readonly serviceQuality: DemoServiceQuality;
}

/** The outbound agent who works the demo's revisit desk and records the call-script surveys. */
export const DEMO_REVISIT_DESK = 'outbound_agent';

export const ACCOUNT_MANAGER_USERNAMES: readonly string[] = Array.from(
  { length: DEMO_ACCOUNT_MANAGER_COUNT },
  (_, i) => `am${String(i + 1).padStart(2, '0')}`,
);

/**
 * Splits `total` over `slots` with some spread (real books are uneven), never above `cap`.
 * Deterministic for a given random state; throws when the cap makes it impossible.
 */
export function spreadWithCap(random: SeededRandom, total: number, slots: number, cap: number, jitter = 0.2): number[] {
  if (total > slots * cap) throw new RangeError(`${total} does not fit in ${slots} slots of at most ${cap}`);
  const weights = Array.from({ length: slots }, () => 1 - jitter + 2 * jitter * random.next());
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const exact = weights.map((w) => (total * w) / weightSum);
  const quotas = exact.map(Math.floor);
  let missing = total - quotas.reduce((sum, q) => sum + q, 0);
  const byFraction = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) }));
  byFraction.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of byFraction) {
    if (missing === 0) break;
    quotas[index]! += 1;
    missing -= 1;
  }
  let excess = 0;
  quotas.forEach((quota, index) => {
    if (quota > cap) {
      excess += quota - cap;
      quotas[index] = cap;
    }
  });
  while (excess > 0) {
    let lightest = 0;
    quotas.forEach((quota, index) => {
      if (quota < quotas[lightest]!) lightest = index;
    });
    quotas[lightest]! += 1;
    excess -= 1;
  }
  return quotas;
}

function gradeList(counts: GradeCounts): DemoGrade[] {
  return DEMO_GRADES.flatMap((grade) => Array.from({ length: counts[grade] }, () => grade));
}

const isVip = (grade: DemoGrade) => grade !== 'guest';

function planOrgUnits(): PlannedOrgUnit[] {
  const units: PlannedOrgUnit[] = [];
  const provincePath = `/HQ/${DEMO_PROVINCE.code}/`;
  units.push({ code: DEMO_PROVINCE.code, name: DEMO_PROVINCE.name, kind: 'province', parentCode: 'HQ', path: provincePath, sortOrder: 0 });
  DEMO_CITIES.forEach((city, cityIndex) => {
    const cityPath = `${provincePath}${city.code}/`;
    units.push({ code: city.code, name: city.name, kind: 'city', parentCode: DEMO_PROVINCE.code, path: cityPath, sortOrder: cityIndex });
    city.districts.forEach((district, districtIndex) => {
      const districtPath = `${cityPath}${district.code}/`;
      units.push({ code: district.code, name: district.name, kind: 'district', parentCode: city.code, path: districtPath, sortOrder: districtIndex });
      district.teams.forEach((team, teamIndex) => {
        units.push({ code: team.code, name: team.name, kind: 'team', parentCode: district.code, path: `${districtPath}${team.code}/`, sortOrder: teamIndex });
      });
    });
  });
  return units;
}

interface AccountManagerSeat {
  readonly username: string;
  readonly team: string;
  readonly district: DemoDistrict;
}

/** am01–am34 in district order; within a district, teams take consecutive runs. */
function accountManagerSeats(): AccountManagerSeat[] {
  const seats: AccountManagerSeat[] = [];
  for (const district of DEMO_CITY_MAIN.districts) {
    const perTeam = Math.ceil(district.accountManagers / district.teams.length);
    for (let i = 0; i < district.accountManagers; i += 1) {
      const team = district.teams[Math.floor(i / perTeam)]!;
      seats.push({ username: ACCOUNT_MANAGER_USERNAMES[seats.length]!, team: team.code, district });
    }
  }
  if (seats.length !== DEMO_ACCOUNT_MANAGER_COUNT) throw new Error('demo catalog: district AM counts must add up to 34');
  return seats;
}

function planUsers(random: SeededRandom, phones: Set<string>, seats: readonly AccountManagerSeat[]): PlannedUser[] {
  const names = new Set<string>(DEMO_PERSONAS.map((persona) => persona.displayName));
  const uniqueName = () => {
    for (;;) {
      const name = personName(random, random.chance(0.5) ? 'male' : 'female');
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  const email = (username: string) => `${username.replaceAll('_', '.')}@demo.patron.example`;
  const users: PlannedUser[] = [];
  for (const seat of seats) {
    users.push({
      username: seat.username,
      displayName: uniqueName(),
      orgUnit: seat.team,
      roles: ['account_manager'],
      phone: mobileNumber(random, phones),
      email: email(seat.username),
    });
  }
  for (const persona of DEMO_PERSONAS) {
    const human = persona.role !== 'integration';
    users.push({
      username: persona.username,
      displayName: persona.displayName,
      orgUnit: persona.orgUnit,
      roles: [persona.role],
      phone: human ? mobileNumber(random, phones) : null,
      email: human ? email(persona.username) : null,
    });
  }
  for (const manager of DEMO_SECOND_CITY_MANAGERS) {
    users.push({
      username: manager.username,
      displayName: uniqueName(),
      orgUnit: manager.orgUnit,
      roles: ['account_manager'],
      phone: mobileNumber(random, phones),
      email: email(manager.username),
    });
  }
  return users;
}

/** Who serves a customer and where it sits, before its personal details are drawn. */
interface Slot {
  readonly grade: DemoGrade;
  readonly city: DemoCity;
  readonly district: DemoDistrict;
  readonly accountManager: string | null;
  readonly phoneManager: string | null;
}

function districtOf(city: DemoCity, code: string): DemoDistrict {
  const found = city.districts.find((district) => district.code === code);
  if (!found) throw new Error(`demo catalog: no district ${code} in ${city.code}`);
  return found;
}

function mainCitySlots(random: SeededRandom, seats: readonly AccountManagerSeat[]): Slot[] {
  const slots: Slot[] = [];
  const personaSeat = DEMO_PERSONAS.find((persona) => persona.role === 'account_manager')!;
  const phoneManager = DEMO_PERSONAS.find((persona) => persona.role === 'phone_manager')!;
  const personaDistrict = districtOf(DEMO_CITY_MAIN, personaSeat.orgUnit.replace(/-T\d+$/, ''));
  for (const grade of gradeList(DEMO_PERSONA_BOOK)) {
    slots.push({
      grade,
      city: DEMO_CITY_MAIN,
      district: personaDistrict,
      accountManager: personaSeat.username,
      phoneManager: isVip(grade) ? null : phoneManager.username,
    });
  }

  const rest = Object.fromEntries(
    DEMO_GRADES.map((grade) => [grade, DEMO_MAIN_CITY_GRADES[grade] - DEMO_PERSONA_BOOK[grade]]),
  ) as Record<DemoGrade, number>;
  const vips = random.shuffle(gradeList({ ...rest, guest: 0 }));
  const vipQuotas = spreadWithCap(random, vips.length, seats.length, DEMO_VIP_LOAD_LIMIT);
  const guestQuotas = spreadWithCap(random, rest.guest, seats.length, DEMO_GUEST_LOAD_LIMIT);
  let next = 0;
  seats.forEach((seat, index) => {
    const base = { city: DEMO_CITY_MAIN, district: seat.district, accountManager: seat.username };
    for (let i = 0; i < vipQuotas[index]!; i += 1) slots.push({ ...base, grade: vips[next++]!, phoneManager: null });
    // The phone manager sits in the persona's team and shares part of that team's 贵宾.
    const sharesTeam = seat.team === phoneManager.orgUnit;
    for (let i = 0; i < guestQuotas[index]!; i += 1) {
      const assisted = sharesTeam && random.chance(DEMO_PHONE_MANAGER_SHARE);
      slots.push({ ...base, grade: 'guest', phoneManager: assisted ? phoneManager.username : null });
    }
  });
  return slots;
}

function secondCitySlots(random: SeededRandom): Slot[] {
  const city = DEMO_CITY_SECOND;
  const slots: Slot[] = [];
  const vips = random.shuffle(gradeList({ ...DEMO_SECOND_CITY_GRADES, guest: 0 }));
  let guests = DEMO_SECOND_CITY_GRADES.guest;
  DEMO_SECOND_CITY_MANAGERS.forEach((manager, index) => {
    const base = { city, district: districtOf(city, manager.district), accountManager: manager.username, phoneManager: null };
    const book = vips.slice(index * DEMO_SECOND_CITY_AM_BOOK.vip, (index + 1) * DEMO_SECOND_CITY_AM_BOOK.vip);
    for (const grade of book) slots.push({ ...base, grade });
    for (let i = 0; i < DEMO_SECOND_CITY_AM_BOOK.guest; i += 1) slots.push({ ...base, grade: 'guest' });
    guests -= DEMO_SECOND_CITY_AM_BOOK.guest;
  });
  // VIPs beyond the two books and the remaining 贵宾 wait in a district pool for assignment.
  const unassigned = [...vips.slice(DEMO_SECOND_CITY_MANAGERS.length * DEMO_SECOND_CITY_AM_BOOK.vip), ...Array.from({ length: guests }, () => 'guest' as const)];
  for (const grade of unassigned) {
    slots.push({ grade, city, district: random.pick(city.districts), accountManager: null, phoneManager: null });
  }
  return slots;
}

// Share of group customers by grade: groups crowd the top tiers; about 5% overall.
const GROUP_SHARE: { readonly [G in DemoGrade]: number } = { diamond: 0.3, gold: 0.15, silver: 0.1, guest: 0.04 };

function starFor(random: SeededRandom, grade: DemoGrade): number {
  switch (grade) {
    case 'diamond':
      return 5;
    case 'gold':
      return random.chance(0.85) ? 5 : 4;
    case 'silver':
      return random.weighted([[5, 20], [4, 55], [3, 25]]);
    case 'guest':
      return random.weighted([[4, 15], [3, 40], [2, 30], [1, 15]]);
  }
}

type Details = Omit<CoreCustomer, 'customerNo'>;

function customerDetails(random: SeededRandom, slot: Slot, registries: Registries): Details {
  // Objects are written out field by field: spreading wide objects costs real time at 11,000 rows.
  const star = starFor(random, slot.grade);
  const details = (fields: Pick<Details, 'kind' | 'name' | 'namePinyin' | 'nameInitials' | 'phone' | 'idNumber' | 'address' | 'activatedOn'>): Details => ({
    kind: fields.kind,
    name: fields.name,
    namePinyin: fields.namePinyin,
    nameInitials: fields.nameInitials,
    grade: slot.grade,
    star,
    phone: fields.phone,
    idNumber: fields.idNumber,
    address: fields.address,
    orgUnit: slot.district.code,
    accountManager: slot.accountManager,
    phoneManager: slot.phoneManager,
    activatedOn: fields.activatedOn,
    parentCustomerNo: null,
    archive: 'in_network',
    retainedReason: null,
    retainedCompetitor: null,
    retainedNote: null,
    retainedAt: null,
  });
  if (random.chance(GROUP_SHARE[slot.grade])) {
    const name = companyName(random, slot.city, slot.district, registries.companies);
    const keys = pinyinKeys(name);
    return details({
      kind: 'group',
      name,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      phone: mobileNumber(random, registries.phones),
      idNumber: null,
      address: officeAddress(random, slot.city, slot.district),
      activatedOn: activationDate(random, isVip(slot.grade), null),
    });
  }
  const gender: Gender = random.chance(0.52) ? 'male' : 'female';
  const birthYears: readonly [number, number] = isVip(slot.grade) ? [1955, 1996] : [1950, 2004];
  const identity = residentIdentity(random, slot.district.idRegion, gender, birthYears, registries.idNumbers);
  const parts = drawPersonName(random, gender);
  const name = parts.surname + parts.given;
  const keys = personKeys(registries, parts);
  return details({
    kind: 'individual',
    name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    phone: mobileNumber(random, registries.phones),
    idNumber: identity.idNumber,
    address: homeAddress(random, slot.city, slot.district),
    activatedOn: activationDate(random, isVip(slot.grade), identity.birthDate.year),
  });
}

/** Customer numbers climb in small random steps in a shuffled order, so they reveal no grade or AM. */
function numberCustomers(random: SeededRandom, city: DemoCity, details: readonly Details[]): CoreCustomer[] {
  let serial = 0;
  return random.shuffle(details).map((detail) => {
    serial += random.int(1, 9);
    return Object.assign({ customerNo: `C${city.customerNoPrefix}${String(serial).padStart(6, '0')}` }, detail);
  });
}

/**
 * The whole data set for a seed. The key accounts come from the seed's main stream with the draws
 * the foundation made (names, numbers and books are unchanged; only activation dates now end before
 * the bill window). Everything the customer archive added (member units, retained records, lines,
 * bills, suspensions, profiles, contacts) draws from streams of its own, one per step, so extending
 * one step leaves the others' data as it was.
 */
export function buildDemoPlan(seed: number): DemoPlan {
  const random = seededRandom(seed);
  const registries: Registries = {
    phones: new Set(),
    idNumbers: new Set(),
    companies: new Set(),
    surnameKeys: new Map(),
    givenNameKeys: new Map(),
  };
  const seats = accountManagerSeats();
  const orgUnits = planOrgUnits();
  const users = planUsers(random, registries.phones, seats);
  const main = mainCitySlots(random, seats).map((slot) => customerDetails(random, slot, registries));
  const second = secondCitySlots(random).map((slot) => customerDetails(random, slot, registries));
  const keyAccounts = [...numberCustomers(random, DEMO_CITY_MAIN, main), ...numberCustomers(random, DEMO_CITY_SECOND, second)];

  const structure = planStructure(seed, keyAccounts, registries);
  const service = planService(seed, structure, registries);
  const customers = planProfiles(seed, structure, service);
  const relations = planRelations(seed, customers, structure, service, registries);
  return {
    seed,
    orgUnits,
    users,
    customers,
    showcaseCustomerNo: structure.showcaseCustomerNo,
    assistingManagers: structure.assistingManagers,
    ...relations,
    lines: service.lines,
    bills: service.bills,
    suspensions: service.suspensions,
    serviceQuality: planServiceQuality(seed, customers, DEMO_REVISIT_DESK),
  };
}
