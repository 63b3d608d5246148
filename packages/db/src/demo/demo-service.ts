import type { Gender } from '@patron/domain/validation/resident-id';
import { DEMO_BILL_MONTHS, DEMO_GRADE_MIN_MONTHLY_FEN, DEMO_PROVINCE, DEMO_SHOWCASE_LINES, type DemoGrade } from './demo-catalog';
import { AS_OF_DAY, BILL_MONTHS, billMonth, dayNumber, isoOfDay, moment } from './demo-dates';
import { drawPersonName, fixedNumber, mobileNumber, serialNumber, type Registries } from './demo-people';
import type { CoreCustomer, LineStatus, PlannedBills, PlannedLine, PlannedSuspension } from './demo-plan';
import type { DemoStructure, GroupProfile } from './demo-structure';
import { derivedRandom, type SeededRandom } from './seeded-random';

/**
 * Lines, 24 months of bills and suspensions, drawn together because they explain each other: a
 * group's bill follows its lines, unpaid bills lead to an arrears suspension on one of the
 * customer's lines, and a suspended line has status 'suspended' until it is restored.
 */

/** What the profile step needs to know about a customer's account. */
export interface AccountStats {
  /** Average monthly bill over the months billed; 0 for prospects. */
  readonly averageFen: number;
  readonly unpaidMonths: number;
  readonly unpaidFen: number;
  /** Arrears suspensions in the window, open or restored. */
  readonly arrearsSuspensions: number;
  /** Mobile brand of an individual (全球通 / 动感地带 / 神州行); null for groups and prospects. */
  readonly brand: string | null;
  /** Some of the individual's lines are held by family members. */
  readonly family: boolean;
}

export interface DemoService {
  readonly lines: PlannedLine[];
  readonly bills: PlannedBills;
  readonly suspensions: PlannedSuspension[];
  readonly stats: readonly AccountStats[];
}

const NEXT_THRESHOLD: { readonly [G in DemoGrade]: number | null } = { guest: 30_000, silver: 70_000, gold: 170_000, diamond: null };
const isVip = (grade: string) => grade === 'diamond' || grade === 'gold' || grade === 'silver';

// Seasonality by calendar month. Individuals: the Spring Festival month spikes (calls, data and
// roaming home), the summer holidays bring roaming, the National Day week a little. Groups: budgets
// are spent in November and December, and the Spring Festival month is quiet (plants shut).
const INDIVIDUAL_SEASON = [1.02, 0.98, 0.96, 0.97, 1.0, 1.0, 1.08, 1.12, 0.99, 1.05, 0.98, 1.03];
const GROUP_SEASON = [1.0, 0.97, 1.0, 1.0, 1.0, 1.02, 0.98, 0.98, 1.02, 0.98, 1.07, 1.24];
/** 正月初一: 2025-01-29 and 2026-02-17. */
const SPRING_FESTIVAL_MONTHS = new Set(['2025-01-01', '2026-02-01']);
const AFTER_SPRING_FESTIVAL = new Set(['2025-02-01', '2026-03-01']);

function seasonFactors(table: readonly number[], festival: number, after: number): number[] {
  return BILL_MONTHS.map(({ month, iso }) => {
    let factor = table[month - 1]!;
    if (SPRING_FESTIVAL_MONTHS.has(iso)) factor *= festival;
    if (AFTER_SPRING_FESTIVAL.has(iso)) factor *= after;
    return factor;
  });
}
const SEASON = { individual: seasonFactors(INDIVIDUAL_SEASON, 1.22, 0.94), group: seasonFactors(GROUP_SEASON, 0.86, 1.04) } as const;

/** Monthly fees in fen, by line type (group lines); circuits by bandwidth. */
const CIRCUIT_FEES: readonly (readonly [string, number, number])[] = [
  ['10M', 150_000, 20],
  ['20M', 250_000, 25],
  ['50M', 450_000, 25],
  ['100M', 800_000, 18],
  ['200M', 1_200_000, 8],
  ['1G', 3_000_000, 4],
];

/** Lines of a group key account by grade; the showcase has DEMO_SHOWCASE_LINES. */
const GROUP_LINES: { readonly [G in DemoGrade]: readonly [number, number] } = { diamond: [30, 60], gold: [15, 45], silver: [8, 30], guest: [5, 15] };

interface LineDraft {
  readonly line: PlannedLine;
  readonly feeFen: number;
}

interface Context {
  readonly random: SeededRandom;
  readonly registries: Registries;
  readonly lineNos: Set<string>;
}

/** The surname as it is written in the name (compound surnames have two characters). */
function surnameOf(name: string): string {
  return /^(欧阳|司马|上官|诸葛)/.test(name) ? name.slice(0, 2) : name.slice(0, 1);
}

/** A day between `fromIso` and the as-of date, both inclusive. */
function dayBetween(random: SeededRandom, fromIso: string, toDay = AS_OF_DAY): number {
  const from = dayNumber(fromIso);
  return from >= toDay ? toDay : random.int(from, toDay);
}

function birthYearOf(idNumber: string | null): number | null {
  return idNumber ? Number(idNumber.slice(6, 10)) : null;
}

function individualBrand(random: SeededRandom, grade: string, birthYear: number | null): string {
  const young = birthYear !== null && birthYear >= 1994;
  if (isVip(grade)) return random.chance(0.92) ? '全球通' : young ? '动感地带' : '神州行';
  return random.weighted([['全球通', 55], ['神州行', young ? 10 : 35], ['动感地带', young ? 40 : 10]]);
}

function individualPackage(random: SeededRandom, brand: string, baseFen: number): string {
  if (brand === '动感地带') return random.pick(['动感地带芒果卡 39元', '动感地带5G潮玩套餐 59元']);
  if (brand === '神州行') return random.pick(['神州行畅聊卡 29元', '神州行5G套餐 59元']);
  const tiers = [128, 188, 288, 388, 588];
  const fits = tiers.filter((tier) => tier * 100 <= baseFen * 0.9);
  return `全球通5G畅享套餐 ${fits.length > 0 ? fits[fits.length - 1] : tiers[0]}元`;
}

function mobileLine(
  ctx: Context,
  customer: CoreCustomer,
  lineNo: string | null,
  options: { activatedOn: string; holder: string | null; brand: string | null; pkg: string; status: LineStatus },
): PlannedLine {
  return {
    lineNo: lineNo ?? mobileNumber(ctx.random, ctx.registries.phones),
    customerNo: customer.customerNo,
    type: 'mobile',
    package: options.pkg,
    brand: options.brand,
    status: options.status,
    activatedOn: options.activatedOn,
    ownerName: customer.name,
    holderName: options.holder,
    aEnd: null,
    bEnd: null,
    bandwidth: null,
    slaTier: null,
  };
}

function secondaryStatus(random: SeededRandom, cancelled: number, preCancelled: number): LineStatus {
  return random.weighted<LineStatus>([['cancelled', cancelled], ['pre_cancelled', preCancelled], ['normal', 1 - cancelled - preCancelled]]);
}

function individualLines(ctx: Context, customer: CoreCustomer, brand: string, baseFen: number, count: number, closed: boolean) {
  const random = ctx.random;
  const drafts: LineDraft[] = [];
  let family = false;
  const first = customer.activatedOn!;
  const status = (secondary: boolean): LineStatus => (closed ? 'cancelled' : secondary ? secondaryStatus(random, 0.04, 0.015) : 'normal');
  drafts.push({
    line: mobileLine(ctx, customer, customer.phone, { activatedOn: first, holder: customer.name, brand, pkg: individualPackage(random, brand, baseFen), status: status(false) }),
    feeFen: 0,
  });
  for (let i = 1; i < count; i += 1) {
    const relative = random.chance(0.6);
    let holder = customer.name;
    if (relative) {
      family = true;
      const gender: Gender = random.chance(0.5) ? 'male' : 'female';
      const drawn = drawPersonName(random, gender);
      holder = (random.chance(0.6) ? surnameOf(customer.name) : drawn.surname) + drawn.given;
    }
    const pkg = relative ? random.pick(['亲情副卡 10元', '全球通副卡 20元', '5G智享套餐 58元']) : random.pick(['流量卡 30元', '5G物联手表卡 10元', '商务第二号码 20元']);
    drafts.push({
      line: mobileLine(ctx, customer, null, { activatedOn: isoOfDay(dayBetween(random, first)), holder, brand, pkg, status: status(true) }),
      feeFen: 0,
    });
  }
  return { drafts, family };
}

interface GroupMix {
  readonly mobile: number;
  readonly fixed: number;
  readonly broadband: number;
  readonly circuit: number;
  readonly iot: number;
}

const CRITICAL_INDUSTRIES = new Set(['金融', '政府机关', '医疗']);
const FIELD_INDUSTRIES = new Set(['交通物流', '能源', '制造业']);

function groupMix(random: SeededRandom, total: number, grade: string, industry: string, showcase: boolean): GroupMix {
  if (showcase) return { mobile: 150, fixed: 15, broadband: 12, circuit: 8, iot: DEMO_SHOWCASE_LINES - 185 };
  let circuit = 0;
  if (isVip(grade) ? random.chance(CRITICAL_INDUSTRIES.has(industry) ? 0.8 : 0.45) : random.chance(0.08)) {
    circuit = isVip(grade) ? random.int(1, 3) : 1;
  }
  const iot = FIELD_INDUSTRIES.has(industry) && random.chance(0.6) ? Math.round(total * random.int(10, 20) / 100) : 0;
  const fixed = Math.max(1, Math.round(total * random.int(5, 14) / 100));
  const broadband = Math.max(1, Math.round(total * random.int(3, 10) / 100));
  const mobile = total - circuit - iot - fixed - broadband;
  if (mobile < 2) return { mobile: total - 2, fixed: 1, broadband: 1, circuit: 0, iot: 0 };
  return { mobile, fixed, broadband, circuit, iot };
}

function groupLines(
  ctx: Context,
  customer: CoreCustomer,
  profile: GroupProfile,
  mix: GroupMix,
  options: { city: { areaCode: string; circuitCode: string; place: string }; closed: boolean; parentAddress: string | null },
): LineDraft[] {
  const random = ctx.random;
  const first = customer.activatedOn!;
  const drafts: LineDraft[] = [];
  const status = (index: number): LineStatus => (options.closed ? 'cancelled' : index === 0 ? 'normal' : secondaryStatus(random, 0.03, 0.01));
  const activated = (index: number) => (index === 0 ? first : isoOfDay(dayBetween(random, first)));
  const base = { customerNo: customer.customerNo, ownerName: customer.name, aEnd: null, bEnd: null, bandwidth: null, slaTier: null };
  for (let i = 0; i < mix.mobile; i += 1) {
    const gender: Gender = random.chance(0.55) ? 'male' : 'female';
    const holder = drawPersonName(random, gender);
    const price = random.weighted([[58, 30], [98, 30], [128, 25], [198, 15]]);
    drafts.push({
      line: mobileLine(ctx, customer, i === 0 ? customer.phone : null, {
        activatedOn: activated(i),
        holder: holder.surname + holder.given,
        brand: '全球通',
        pkg: `集团统付 5G畅享 ${price}元`,
        status: status(i),
      }),
      feeFen: price * 100 + random.int(-1500, 4000),
    });
  }
  for (let i = 0; i < mix.fixed; i += 1) {
    drafts.push({
      line: { ...base, lineNo: fixedNumber(random, options.city.areaCode, ctx.lineNos), type: 'fixed', package: '商务固话 包月38元', brand: null, status: status(1), activatedOn: activated(1), holderName: null },
      feeFen: random.int(3000, 6500),
    });
  }
  for (let i = 0; i < mix.broadband; i += 1) {
    const speed = random.weighted([['300M', 30], ['500M', 40], ['1000M', 30]]);
    drafts.push({
      line: {
        ...base,
        lineNo: serialNumber(random, `KD${options.city.areaCode.slice(1)}`, 8, ctx.lineNos),
        type: 'broadband',
        package: `企业宽带 ${speed}`,
        brand: null,
        status: status(1),
        activatedOn: activated(1),
        holderName: null,
      },
      feeFen: speed === '300M' ? 12_000 : speed === '500M' ? 19_900 : 29_900,
    });
  }
  for (let i = 0; i < mix.circuit; i += 1) {
    const [bandwidth, fee] = random.weighted(CIRCUIT_FEES.map(([bw, feeFen, weight]) => [[bw, feeFen] as const, weight] as const));
    const critical = CRITICAL_INDUSTRIES.has(profile.industry);
    const toParent = options.parentAddress !== null;
    drafts.push({
      line: {
        ...base,
        lineNo: serialNumber(random, `CIR-${options.city.circuitCode}-`, 6, ctx.lineNos),
        type: 'circuit',
        package: toParent ? '数据专线（点对点）' : random.pick(['互联网专线', '数据专线（点对点）', '5G专网接入']),
        brand: null,
        status: options.closed ? 'cancelled' : 'normal',
        activatedOn: activated(1),
        holderName: null,
        aEnd: customer.address,
        bEnd: toParent ? options.parentAddress : random.pick([`${DEMO_PROVINCE.place}${options.city.place}移动IDC数据中心`, `${DEMO_PROVINCE.place}${options.city.place}核心机房`, `${DEMO_PROVINCE.place}省会灾备中心`]),
        bandwidth,
        slaTier: critical ? random.weighted([['urgent', 60], ['expedited', 40]]) : random.weighted([['expedited', 30], ['normal', 70]]),
      },
      feeFen: fee,
    });
  }
  for (let i = 0; i < mix.iot; i += 1) {
    drafts.push({
      line: {
        ...base,
        lineNo: serialNumber(random, '1440', 9, ctx.lineNos),
        type: 'iot',
        package: '物联网流量池 10元/卡',
        brand: null,
        status: status(1),
        activatedOn: activated(1),
        holderName: null,
      },
      feeFen: random.int(500, 1500),
    });
  }
  return drafts;
}

/** Triangular noise in [-1, 1]. */
const noise = (random: SeededRandom) => random.next() + random.next() - 1;

/** Bill amounts for months 0..last: base × season × trend × noise, lifted so the average meets `floorFen`. */
function billAmounts(random: SeededRandom, baseFen: number, season: readonly number[], last: number, trendPerYear: number, amplitude: number, floorFen: number): number[] {
  const amounts: number[] = [];
  for (let k = 0; k <= last; k += 1) {
    const trend = 1 + (trendPerYear * (k - (DEMO_BILL_MONTHS - 1) / 2)) / 12;
    amounts.push(baseFen * season[k]! * trend * (1 + amplitude * noise(random)));
  }
  const average = amounts.reduce((sum, amount) => sum + amount, 0) / amounts.length;
  const lift = average < floorFen ? floorFen / average : 1;
  return amounts.map((amount) => Math.max(0, Math.round(amount * lift)));
}

/** Most pay in the bill's month; a quarter early the next month (the last month always in it). */
function paidDay(random: SeededRandom, k: number): number {
  const month = billMonth(k);
  if (k + 1 < DEMO_BILL_MONTHS && random.chance(0.25)) return billMonth(k + 1).firstDay + random.int(0, 19);
  return month.firstDay + random.int(2, Math.min(month.days - 1, 27));
}

export function planService(seed: number, structure: DemoStructure, registries: Registries): DemoService {
  const random = derivedRandom(seed, 'service');
  const ctx: Context = { random, registries, lineNos: new Set() };
  const lines: PlannedLine[] = [];
  const suspensions: PlannedSuspension[] = [];
  const stats: AccountStats[] = [];
  const bills = { customer: [] as number[], month: [] as number[], amountFen: [] as number[], paidFen: [] as number[], paidOn: [] as number[] };
  const busyLines = new Set<string>();
  const suspendedLines = new Set<string>();

  const suspend = (line: PlannedLine, entry: Omit<PlannedSuspension, 'lineNo'>) => {
    busyLines.add(line.lineNo);
    suspensions.push({ lineNo: line.lineNo, ...entry });
    if (entry.restoredAt === null) suspendedLines.add(line.lineNo);
  };

  structure.customers.forEach((customer, index) => {
    const role = structure.roles[index]!;
    const city = structure.cities[index]!;
    const grade = customer.grade;
    const keyAccount = role.kind === 'key_account';
    const retained = role.kind === 'retained' ? role : null;
    const lastBill = retained ? retained.lastBillMonth : DEMO_BILL_MONTHS - 1;
    const closed = retained !== null && (retained.reason === 'churned' || retained.reason === 'moved_away' || retained.reason === 'closed');
    const showcase = customer.customerNo === structure.showcaseCustomerNo;

    // --- lines and the base monthly bill --------------------------------------------------------
    let drafts: LineDraft[] = [];
    let baseFen = 0;
    let brand: string | null = null;
    let family = false;
    let season: readonly number[] = SEASON.individual;
    let trend = random.next() * 0.18 - 0.06;
    const floorFen = keyAccount ? DEMO_GRADE_MIN_MONTHLY_FEN[grade as DemoGrade] * 1.01 : 0;

    if (customer.kind === 'individual') {
      const min = retained?.formerGrade ? DEMO_GRADE_MIN_MONTHLY_FEN[retained.formerGrade] : DEMO_GRADE_MIN_MONTHLY_FEN.guest;
      if (keyAccount) {
        const g = grade as DemoGrade;
        const low = DEMO_GRADE_MIN_MONTHLY_FEN[g] * 1.03;
        const high = NEXT_THRESHOLD[g] !== null && random.chance(0.95) ? NEXT_THRESHOLD[g]! * 0.97 : DEMO_GRADE_MIN_MONTHLY_FEN[g] * 2.6;
        baseFen = low + (high - low) * random.next() ** 1.8;
      } else if (retained?.reason === 'demoted') {
        baseFen = random.int(9_500, 14_000);
        trend = -random.next() * 0.12;
      } else if (retained?.reason === 'potential') {
        baseFen = random.int(12_200, 14_600);
        trend = random.next() * 0.1;
      } else {
        baseFen = min * (1.05 + random.next() * 0.6);
      }
      if (lastBill !== null) {
        brand = individualBrand(random, grade, birthYearOf(customer.idNumber));
        const count = keyAccount ? random.weighted(isVip(grade) ? [[1, 45], [2, 35], [3, 20]] : [[1, 62], [2, 28], [3, 10]]) : closed ? random.int(1, 2) : 1;
        const planned = individualLines(ctx, customer, brand, baseFen, count, closed);
        drafts = planned.drafts;
        family = planned.family;
      }
    } else if (lastBill !== null) {
      season = SEASON.group;
      trend = random.next() * 0.2 - 0.05;
      const profile = structure.groups.get(customer.customerNo)!;
      const parent = role.kind === 'member_unit' ? structure.customers[role.parent]! : null;
      let total: number;
      if (showcase) total = DEMO_SHOWCASE_LINES;
      else if (role.kind === 'member_unit') total = random.int(2, 12);
      else if (retained) total = random.int(3, 10);
      else {
        const [low, high] = GROUP_LINES[grade as DemoGrade];
        total = random.int(low, high);
      }
      const mix =
        role.kind === 'member_unit'
          ? { mobile: Math.max(1, total - 2), fixed: total > 1 ? 1 : 0, broadband: total > 2 ? 1 : 0, circuit: profile.industry === '金融' ? 1 : 0, iot: 0 }
          : groupMix(random, total, grade, profile.industry, showcase);
      drafts = groupLines(ctx, customer, profile, mix, { city, closed, parentAddress: parent?.address ?? null });
      const lineFees = drafts.reduce((sum, draft) => sum + draft.feeFen, 0);
      baseFen = lineFees * (0.95 + random.next() * 0.2);
      if (keyAccount) baseFen = Math.max(baseFen, DEMO_GRADE_MIN_MONTHLY_FEN[grade as DemoGrade] * (2.5 + random.next() * 2.5));
    }
    for (const draft of drafts) lines.push(draft.line);
    const customerLines = drafts.map((draft) => draft.line);

    // --- bills, arrears and payments ----------------------------------------------------------
    let unpaidMonths = 0;
    let unpaidFen = 0;
    let billed = 0;
    let arrearsSuspensions = 0;
    if (lastBill !== null) {
      const amounts = billAmounts(random, baseFen, season, lastBill, trend, customer.kind === 'group' ? 0.06 : 0.09, floorFen);
      if (closed) amounts[lastBill] = Math.round(amounts[lastBill]! * (0.3 + random.next() * 0.6));
      // About 4% of key accounts owe the last one to four months; the oldest unpaid month is the
      // arrears age. A quarter of them paid part of it.
      const inArrears = keyAccount && !showcase && random.chance(0.04);
      if (inArrears) unpaidMonths = random.weighted([[1, 40], [2, 28], [3, 18], [4, 14]]);
      const oldestUnpaid = DEMO_BILL_MONTHS - unpaidMonths;
      const partial = inArrears && random.chance(0.25);
      // Some others fell behind once in the window, were suspended and restored on payment.
      const lateMonth = keyAccount && !inArrears && random.chance(0.03) ? random.int(0, DEMO_BILL_MONTHS - 3) : -1;
      let latePayment = -1;
      amounts.forEach((amount, k) => {
        let paid = amount;
        let on = paidDay(random, k);
        if (k >= oldestUnpaid && inArrears) {
          paid = k === oldestUnpaid && partial ? Math.round(amount * (0.2 + random.next() * 0.5)) : 0;
          on = paid > 0 ? billMonth(k).firstDay + random.int(9, 27) : -1;
          unpaidFen += amount - paid;
        } else if (k === lateMonth) {
          on = billMonth(k + 1).firstDay + random.int(12, 26);
          latePayment = on;
        }
        bills.customer.push(index);
        bills.month.push(k);
        bills.amountFen.push(amount);
        bills.paidFen.push(paid);
        bills.paidOn.push(on);
        billed += amount;
      });

      // The line to stop: an individual's own number, or one of a group's staff numbers, in
      // service before the day.
      const suspendable = (day: number) => {
        const open = customerLines.filter((l) => l.type === 'mobile' && l.status === 'normal' && dayNumber(l.activatedOn) < day);
        return customer.kind === 'individual' || open.length <= 1 ? open[0] : random.pick(open.slice(1));
      };
      const reminder = (suspendedDay: number, hour: number) => {
        // DOMAIN §3.8: the AM reminds personally before an arrears suspension; the deck saw 88%
        // for VIPs. Customers nobody serves get no reminder.
        const rate = isVip(grade) ? 0.88 : customer.kind === 'group' ? 0.75 : 0.6;
        if (customer.accountManager === null || !random.chance(rate)) return { remindedAt: null, remindedBy: null, reminderChannel: null };
        const day = suspendedDay - random.int(1, 2);
        return {
          remindedAt: moment(day, Math.max(9, Math.min(18, hour - random.int(0, 3))), random.int(0, 59)),
          remindedBy: customer.accountManager,
          reminderChannel: random.chance(isVip(grade) ? 0.75 : 0.45) ? ('phone' as const) : ('sms' as const),
        };
      };
      if (inArrears && random.chance(unpaidMonths === 1 ? 0.6 : 0.95)) {
        // Suspended once the arrears pass the credit limit: in the month after the oldest unpaid
        // bill, or late in the month for a first unpaid month.
        const day = unpaidMonths === 1 ? billMonth(DEMO_BILL_MONTHS - 1).firstDay + random.int(17, 27) : billMonth(oldestUnpaid + 1).firstDay + random.int(7, 19);
        const hour = random.int(9, 20);
        const line = suspendable(day);
        if (line) {
          suspend(line, { kind: 'arrears', suspendedAt: moment(day, hour, random.int(0, 59)), restoredAt: null, ...reminder(day, hour) });
          arrearsSuspensions += 1;
        }
      } else if (latePayment >= 0) {
        const day = billMonth(lateMonth + 1).firstDay + random.int(5, 11);
        const hour = random.int(9, 16);
        const line = suspendable(day);
        if (line) {
          suspend(line, {
            kind: 'arrears',
            suspendedAt: moment(day, hour, random.int(0, 59)),
            restoredAt: moment(Math.max(latePayment, day + 1), random.int(17, 21), random.int(0, 59)),
            ...reminder(day, hour),
          });
          arrearsSuspensions += 1;
        }
      }

      // Customer-requested suspension (报停), loss (挂失) and administrative stops, on other lines.
      if (keyAccount) {
        const free = customerLines.filter((l) => l.type === 'mobile' && l.status === 'normal' && !busyLines.has(l.lineNo));
        const stop = (kind: 'request' | 'loss' | 'administrative', restoreDays: readonly [number, number], openChance: number) => {
          const target = free.length > 0 ? random.pick(free) : null;
          if (!target) return;
          free.splice(free.indexOf(target), 1);
          const day = random.int(Math.max(0, dayNumber(target.activatedOn)), AS_OF_DAY - 1);
          const restoreDay = day + random.int(restoreDays[0], restoreDays[1]);
          const open = restoreDay > AS_OF_DAY || random.chance(openChance);
          suspend(target, {
            kind,
            suspendedAt: moment(day, random.int(8, 21), random.int(0, 59)),
            restoredAt: open ? null : moment(restoreDay, random.int(9, 20), random.int(0, 59)),
            remindedAt: null,
            remindedBy: null,
            reminderChannel: null,
          });
        };
        if (random.chance(customer.kind === 'individual' ? 0.006 : 0.03)) stop('request', [10, 120], 0.3);
        if (customer.kind === 'individual' && random.chance(0.005)) stop('loss', [1, 3], 0.05);
        if (random.chance(0.0015)) stop('administrative', [1, 7], 0);
      }
    }

    stats.push({
      averageFen: lastBill === null ? 0 : Math.round(billed / (lastBill + 1)),
      unpaidMonths,
      unpaidFen,
      arrearsSuspensions,
      brand,
      family,
    });
  });

  // A line with an open suspension is suspended; everything else keeps its drawn status.
  const finalLines = lines.map((line) => (suspendedLines.has(line.lineNo) ? { ...line, status: 'suspended' as const } : line));
  return {
    lines: finalLines,
    bills: {
      customer: Int32Array.from(bills.customer),
      month: Int32Array.from(bills.month),
      amountFen: Int32Array.from(bills.amountFen),
      paidFen: Int32Array.from(bills.paidFen),
      paidOn: Int32Array.from(bills.paidOn),
    },
    suspensions,
    stats,
  };
}
