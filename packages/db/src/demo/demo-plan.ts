import type { RoleCode } from '@patron/domain';
import { daysInMonth, formatIsoDate } from '@patron/domain/validation/dates';
import { pinyinKeys, type PinyinKeys } from '@patron/domain/search/search-keys';
import type { Gender } from '@patron/domain/validation/resident-id';
import {
  DEMO_ACCOUNT_MANAGER_COUNT,
  DEMO_AS_OF,
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
import { companyName, drawPersonName, homeAddress, mobileNumber, officeAddress, personName, residentIdentity, type PersonName } from './demo-people';
import { seededRandom, type SeededRandom } from './seeded-random';

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

export interface PlannedCustomer {
  readonly customerNo: string;
  readonly kind: 'individual' | 'group';
  readonly name: string;
  readonly namePinyin: string;
  readonly nameInitials: string;
  readonly grade: DemoGrade;
  readonly star: number;
  readonly phone: string;
  /** Resident ID for individuals; null for groups (their USCC lives in the group archive). */
  readonly idNumber: string | null;
  readonly address: string;
  /** District code: customers sit in their account manager's district. */
  readonly orgUnit: string;
  readonly accountManager: string | null;
  readonly phoneManager: string | null;
  readonly activatedOn: string;
}

export interface DemoPlan {
  readonly seed: number;
  readonly orgUnits: readonly PlannedOrgUnit[];
  readonly users: readonly PlannedUser[];
  readonly customers: readonly PlannedCustomer[];
}

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

/** Activation between 2005 and the as-of date, not before the holder turned 18; VIPs skew older. */
function activationDate(random: SeededRandom, grade: DemoGrade, birthYear: number | null): string {
  const from = Math.max(2005, (birthYear ?? 0) + 18);
  const span = DEMO_AS_OF.year - from;
  const skew = isVip(grade) ? random.next() ** 1.6 : random.next();
  const year = from + Math.min(span, Math.floor(skew * (span + 1)));
  const lastMonth = year === DEMO_AS_OF.year ? DEMO_AS_OF.month : 12;
  const month = random.int(1, lastMonth);
  const lastDay = year === DEMO_AS_OF.year && month === DEMO_AS_OF.month ? DEMO_AS_OF.day : daysInMonth(year, month);
  return formatIsoDate({ year, month, day: random.int(1, lastDay) });
}

interface Registries {
  readonly phones: Set<string>;
  readonly idNumbers: Set<string>;
  readonly companies: Set<string>;
  readonly surnameKeys: Map<string, PinyinKeys>;
  readonly givenNameKeys: Map<string, PinyinKeys>;
}

function cached(cache: Map<string, PinyinKeys>, key: string, compute: () => PinyinKeys): PinyinKeys {
  let keys = cache.get(key);
  if (!keys) {
    keys = compute();
    cache.set(key, keys);
  }
  return keys;
}

/**
 * pinyin-pro needs tens of microseconds a name, most of the plan's time. Surnames and given names
 * recur far more than whole names, so they are read once each and joined; for the generated names
 * this equals `pinyinKeys(name, { personName: true })` (checked in demo-plan.test.ts).
 */
function personKeys(registries: Registries, name: PersonName): PinyinKeys {
  const surname = cached(registries.surnameKeys, name.surname, () => pinyinKeys(name.surname, { personName: true }));
  const given = cached(registries.givenNameKeys, name.given, () => pinyinKeys(name.given));
  return { full: surname.full + given.full, initials: surname.initials + given.initials };
}

type Details = Omit<PlannedCustomer, 'customerNo'>;

function customerDetails(random: SeededRandom, slot: Slot, registries: Registries): Details {
  const common = {
    grade: slot.grade,
    star: starFor(random, slot.grade),
    orgUnit: slot.district.code,
    accountManager: slot.accountManager,
    phoneManager: slot.phoneManager,
  };
  if (random.chance(GROUP_SHARE[slot.grade])) {
    const name = companyName(random, slot.city, slot.district, registries.companies);
    const keys = pinyinKeys(name);
    return {
      ...common,
      kind: 'group',
      name,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      phone: mobileNumber(random, registries.phones),
      idNumber: null,
      address: officeAddress(random, slot.city, slot.district),
      activatedOn: activationDate(random, slot.grade, null),
    };
  }
  const gender: Gender = random.chance(0.52) ? 'male' : 'female';
  const birthYears: readonly [number, number] = isVip(slot.grade) ? [1955, 1996] : [1950, 2004];
  const identity = residentIdentity(random, slot.district.idRegion, gender, birthYears, registries.idNumbers);
  const parts = drawPersonName(random, gender);
  const name = parts.surname + parts.given;
  const keys = personKeys(registries, parts);
  return {
    ...common,
    kind: 'individual',
    name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    phone: mobileNumber(random, registries.phones),
    idNumber: identity.idNumber,
    address: homeAddress(random, slot.city, slot.district),
    activatedOn: activationDate(random, slot.grade, identity.birthDate.year),
  };
}

/** Customer numbers climb in small random steps in a shuffled order, so they reveal no grade or AM. */
function numberCustomers(random: SeededRandom, city: DemoCity, details: readonly Details[]): PlannedCustomer[] {
  let serial = 0;
  return random.shuffle(details).map((detail) => {
    serial += random.int(1, 9);
    return { customerNo: `C${city.customerNoPrefix}${String(serial).padStart(6, '0')}`, ...detail };
  });
}

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
  const customers = [...numberCustomers(random, DEMO_CITY_MAIN, main), ...numberCustomers(random, DEMO_CITY_SECOND, second)];
  return { seed, orgUnits, users, customers };
}
