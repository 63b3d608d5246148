import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinyinKeys } from '@patron/domain/search/search-keys';
import { isValidResidentId } from '@patron/domain/validation/resident-id';
import { isValidUscc } from '@patron/domain/validation/uscc';
import { isMainlandMobile } from '@patron/domain/validation/phone';
import {
  DEMO_BILL_MONTHS,
  DEMO_GRADE_MIN_MONTHLY_FEN,
  DEMO_MAIN_CITY_GRADES,
  DEMO_PERSONA_BOOK,
  DEMO_RETAINED,
  DEMO_SECOND_CITY_GRADES,
  DEMO_SHOWCASE_LINES,
  type DemoGrade,
} from './demo-catalog';
import { billMonth } from './demo-dates';
import { ACCOUNT_MANAGER_USERNAMES, buildDemoPlan, isKeyAccount, spreadWithCap, type DemoPlan, type PlannedCustomer } from './demo-plan';
import { derivedRandom, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('stays in range', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 2000; i += 1) {
      const value = random.int(-2, 2);
      expect(value).toBeGreaterThanOrEqual(-2);
      expect(value).toBeLessThanOrEqual(2);
    }
    expect(random.digits(12)).toMatch(/^\d{12}$/);
    expect(random.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
    expect(random.weighted([['never', 0], ['always', 1]])).toBe('always');
  });

  it('derives independent streams per step', () => {
    const draw = (stream: string) => derivedRandom(5, stream).next();
    expect(draw('service')).toBe(draw('service'));
    expect(draw('service')).not.toBe(draw('profiles'));
    expect(draw('service')).not.toBe(seededRandom(5).next());
  });
});

describe('spreadWithCap', () => {
  it.each([
    [1329, 34, 50],
    [8619, 34, 300],
    [1700, 34, 50],
    [0, 5, 10],
    [7, 3, 3],
  ])('%i over %i slots, at most %i each', (total, slots, cap) => {
    const quotas = spreadWithCap(seededRandom(total), total, slots, cap);
    expect(quotas).toHaveLength(slots);
    expect(quotas.reduce((sum, quota) => sum + quota, 0)).toBe(total);
    expect(Math.max(...quotas)).toBeLessThanOrEqual(cap);
  });

  it('refuses what cannot fit', () => {
    expect(() => spreadWithCap(seededRandom(1), 1701, 34, 50)).toThrow(RangeError);
  });
});

function planDigest(plan: DemoPlan): string {
  const hash = createHash('sha256');
  const { bills, ...rest } = plan;
  hash.update(JSON.stringify(rest));
  for (const column of [bills.customer, bills.month, bills.amountFen, bills.paidFen, bills.paidOn]) hash.update(new Uint8Array(column.buffer));
  return hash.digest('hex');
}

describe('buildDemoPlan', () => {
  let plan: DemoPlan;
  // A plan takes a second or two; allow for a busy machine.
  beforeAll(() => {
    plan = buildDemoPlan(11);
  }, 60_000);

  it('is deterministic per seed', () => {
    const again = buildDemoPlan(11);
    expect(again.customers.slice(0, 5).map((c) => c.name)).toEqual(plan.customers.slice(0, 5).map((c) => c.name));
    // A digest, since a deep comparison of a quarter of a million bills takes vitest half a minute.
    expect(planDigest(again)).toBe(planDigest(plan));
    const other = buildDemoPlan(12);
    expect(other.customers.slice(0, 20).map((c) => c.name)).not.toEqual(plan.customers.slice(0, 20).map((c) => c.name));
  }, 60_000);

  it('matches the deck’s DEMO-01 figures', () => {
    const main = plan.customers.filter((c) => c.orgUnit.startsWith('DEMO-01-') && isKeyAccount(c));
    const byGrade = { diamond: 0, gold: 0, silver: 0, guest: 0 };
    for (const c of main) byGrade[c.grade as DemoGrade] += 1;
    expect(byGrade).toEqual(DEMO_MAIN_CITY_GRADES);
    // Member units and retained records, the only other customers, never carry a grade.
    const others = plan.customers.filter((c) => !isKeyAccount(c));
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((c) => c.grade === 'none' && (c.parentCustomerNo !== null || c.archive === 'retained'))).toBe(true);
    const persona = main.filter((c) => c.accountManager === 'account_manager');
    expect(persona).toHaveLength(Object.values(DEMO_PERSONA_BOOK).reduce((sum, n) => sum + n, 0));
    const allowed = new Set([...ACCOUNT_MANAGER_USERNAMES, 'account_manager']);
    expect(main.every((c) => c.accountManager !== null && allowed.has(c.accountManager))).toBe(true);
  });

  it('numbers customers uniquely as C + 10 digits', () => {
    const numbers = plan.customers.map((c) => c.customerNo);
    expect(numbers.every((no) => /^C\d{10}$/.test(no))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('gives individuals valid IDs and the search keys pinyinKeys would give', () => {
    const individuals = plan.customers.filter((c) => c.kind === 'individual');
    expect(individuals.every((c) => isValidResidentId(c.idNumber))).toBe(true);
    // The plan joins cached surname and given-name keys; check a sample against the whole name.
    for (const c of individuals.slice(0, 1500)) {
      expect({ full: c.namePinyin, initials: c.nameInitials }, c.name).toEqual(pinyinKeys(c.name, { personName: true }));
    }
    for (const c of plan.customers.filter((g) => g.kind === 'group').slice(0, 100)) {
      expect(c.idNumber).toBeNull();
      expect({ full: c.namePinyin, initials: c.nameInitials }, c.name).toEqual(pinyinKeys(c.name));
    }
  });

  it('activates customers between 2005 and the start of the bill window, never before the holder turned 18', () => {
    for (const c of plan.customers) {
      // Only prospects who were never ours have no activation date.
      if (c.activatedOn === null) {
        expect(c.retainedReason, c.customerNo).toBe('potential');
        continue;
      }
      expect(c.activatedOn >= '2005-01-01' && c.activatedOn <= '2024-10-31', c.activatedOn).toBe(true);
      if (c.idNumber) expect(Number(c.activatedOn.slice(0, 4)) - Number(c.idNumber.slice(6, 10))).toBeGreaterThanOrEqual(18);
    }
  });

  it('derives gender and birthday from the resident ID, and gives individuals a brand', () => {
    const wrong = plan.customers.filter((c) => {
      if (c.kind === 'group') return c.gender !== null || c.birthday !== null || c.idNumber !== null || c.brand !== null;
      const id = c.idNumber!;
      return (
        c.birthday !== `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` ||
        c.gender !== (Number(id[16]) % 2 === 1 ? 'male' : 'female') ||
        (c.activatedOn !== null && !['全球通', '动感地带', '神州行'].includes(c.brand!))
      );
    });
    expect(wrong).toEqual([]);
    const brands = new Set(plan.customers.map((c) => c.brand));
    expect(brands).toEqual(new Set([null, '全球通', '动感地带', '神州行']));
  });

  it('gives VIPs the 2026 grade validity and scores credit in 0–100', () => {
    const wrong = plan.customers.filter((c) => {
      const vip = c.grade === 'diamond' || c.grade === 'gold' || c.grade === 'silver';
      return (
        c.gradeValidFrom !== (vip ? '2026-02-01' : null) ||
        c.gradeValidTo !== (vip ? '2027-01-31' : null) ||
        (c.creditScore !== null && (c.creditScore < 0 || c.creditScore > 100)) ||
        (isKeyAccount(c) && !(c.creditLimitFen! > 0))
      );
    });
    expect(wrong).toEqual([]);
    // Arrears pull the score down.
    const owing = new Set<number>();
    for (let row = 0; row < plan.bills.customer.length; row += 1) if (plan.bills.paidFen[row]! < plan.bills.amountFen[row]!) owing.add(plan.bills.customer[row]!);
    const meanScore = (pick: (index: number) => boolean) => {
      const scores = plan.customers.flatMap((c, index) => (isKeyAccount(c) && pick(index) ? [c.creditScore!] : []));
      return scores.reduce((sum, score) => sum + score, 0) / scores.length;
    };
    expect(meanScore((index) => owing.has(index))).toBeLessThan(meanScore((index) => !owing.has(index)) - 15);
    const dnd = plan.customers.filter((c) => c.doNotDisturb).length / plan.customers.length;
    expect(dnd).toBeGreaterThan(0.015);
    expect(dnd).toBeLessThan(0.05);
    expect(plan.customers.filter((c) => c.doNotDisturb && c.marketingConsent)).toEqual([]);
  });

  it('registers groups with valid, unique USCCs and their archive data', () => {
    const groups = plan.customers.filter((c) => c.kind === 'group');
    expect(groups.filter((c) => !isValidUscc(c.uscc)).map((c) => c.uscc)).toEqual([]);
    expect(new Set(groups.map((c) => c.uscc)).size).toBe(groups.length);
    const top = groups.filter((c) => isKeyAccount(c));
    expect(top.every((c) => c.industry && ['A', 'B', 'C'].includes(c.groupClass!) && c.staffCount! > 0 && c.relationshipStage)).toBe(true);
    expect(new Set(top.map((c) => c.relationshipStage))).toEqual(new Set(['gestation', 'initial', 'middle', 'strategic']));
  });

  it('gives some groups member units, some across the city border with an assisting manager', () => {
    const byNo = new Map(plan.customers.map((c) => [c.customerNo, c]));
    const units = plan.customers.filter((c) => c.parentCustomerNo !== null);
    expect(units.length).toBeGreaterThan(100);
    for (const unit of units) {
      const parent = byNo.get(unit.parentCustomerNo!)!;
      expect(parent.kind === 'group' && isKeyAccount(parent) && parent.parentCustomerNo === null).toBe(true);
      expect([unit.kind, unit.grade, unit.accountManager]).toEqual(['group', 'none', parent.accountManager]);
    }
    const perParent = new Map<string, number>();
    for (const unit of units) perParent.set(unit.parentCustomerNo!, (perParent.get(unit.parentCustomerNo!) ?? 0) + 1);
    expect(Math.max(...perParent.values())).toBeLessThanOrEqual(4);
    const remote = units.filter((unit) => unit.orgUnit.startsWith('DEMO-02-') && byNo.get(unit.parentCustomerNo!)!.orgUnit.startsWith('DEMO-01-'));
    expect(remote.length).toBeGreaterThan(10);
    const assisting = new Set(plan.assistingManagers.map((m) => `${m.customerNo}/${m.username}`));
    for (const unit of remote) {
      const helper = [...assisting].find((key) => key.startsWith(`${unit.customerNo}/dm2am`));
      expect(helper, unit.customerNo).toBeDefined();
      expect(assisting.has(`${unit.parentCustomerNo}/${helper!.split('/')[1]}`)).toBe(true);
    }
  });

  it('keeps a retained archive beside the key accounts', () => {
    const retained = plan.customers.filter((c) => c.archive === 'retained');
    for (const [city, counts] of Object.entries(DEMO_RETAINED)) {
      const inCity = retained.filter((c) => c.orgUnit.startsWith(`${city}-`));
      for (const [reason, count] of Object.entries(counts)) expect(inCity.filter((c) => c.retainedReason === reason), `${city} ${reason}`).toHaveLength(count);
    }
    expect(retained.every((c) => c.retainedNote && c.retainedAt && c.grade === 'none')).toBe(true);
    expect(retained.filter((c) => c.retainedReason === 'churned').every((c) => ['中国电信', '中国联通', '中国广电'].includes(c.retainedCompetitor!))).toBe(true);
    const second = plan.customers.filter((c) => c.orgUnit.startsWith('DEMO-02-') && isKeyAccount(c));
    expect(second).toHaveLength(Object.values(DEMO_SECOND_CITY_GRADES).reduce((sum, n) => sum + n, 0));
  });

  it('numbers lines uniquely, the first of each being the customer’s phone', () => {
    const numbers = plan.lines.map((line) => line.lineNo);
    expect(new Set(numbers).size).toBe(numbers.length);
    const byCustomer = new Map<string, (typeof plan.lines)[number][]>();
    for (const line of plan.lines) byCustomer.set(line.customerNo, [...(byCustomer.get(line.customerNo) ?? []), line]);
    const customers = new Map(plan.customers.map((c) => [c.customerNo, c]));
    const wrong = [...byCustomer].filter(([customerNo, lines]) => {
      const customer = customers.get(customerNo)!;
      const individual = customer.kind === 'individual' && isKeyAccount(customer);
      const group = customer.kind === 'group' && isKeyAccount(customer) && customerNo !== plan.showcaseCustomerNo;
      return (
        lines[0]!.lineNo !== customer.phone ||
        lines.some((line) => line.activatedOn < customer.activatedOn! || line.activatedOn > '2026-10-31') ||
        (individual && (lines.length < 1 || lines.length > 3 || lines.some((line) => line.type !== 'mobile'))) ||
        (group && (lines.length < 5 || lines.length > 60))
      );
    });
    expect(wrong.map(([customerNo]) => customerNo)).toEqual([]);
    // Every in-network customer has lines; only prospects of other operators have none.
    expect(plan.customers.filter((c) => !byCustomer.has(c.customerNo) && c.activatedOn !== null)).toEqual([]);
    const patterns: Record<string, RegExp> = {
      fixed: /^0199-[68]\d{7}$|^0198-[68]\d{7}$/,
      broadband: /^KD19[89]\d{8}$/,
      circuit: /^CIR-(JZ|YS)-\d{6}$/,
      iot: /^1440\d{9}$/,
    };
    const malformed = plan.lines.filter(
      (line) =>
        !(line.type === 'mobile' ? isMainlandMobile(line.lineNo) : patterns[line.type]!.test(line.lineNo)) ||
        (line.type === 'circuit' && !(line.aEnd && line.bEnd && line.bandwidth && line.slaTier)),
    );
    expect(malformed).toEqual([]);
    expect(new Set(plan.lines.map((line) => line.status))).toEqual(new Set(['normal', 'suspended', 'pre_cancelled', 'cancelled']));
    const showcase = byCustomer.get(plan.showcaseCustomerNo)!;
    expect(showcase).toHaveLength(DEMO_SHOWCASE_LINES);
    expect(new Set(showcase.map((line) => line.type))).toEqual(new Set(['mobile', 'fixed', 'broadband', 'circuit', 'iot']));
    expect(customers.get(plan.showcaseCustomerNo)!.orgUnit.startsWith('DEMO-01-')).toBe(true);
  });

  describe('bills', () => {
    interface Account {
      customer: PlannedCustomer;
      months: number[];
      amounts: number[];
      unpaid: number[];
    }
    let accounts: Account[];
    beforeAll(() => {
      accounts = plan.customers.map((customer) => ({ customer, months: [], amounts: [], unpaid: [] }));
      const { customer, month, amountFen, paidFen } = plan.bills;
      for (let row = 0; row < customer.length; row += 1) {
        const account = accounts[customer[row]!]!;
        account.months.push(month[row]!);
        account.amounts.push(amountFen[row]!);
        if (paidFen[row]! < amountFen[row]!) account.unpaid.push(month[row]!);
      }
    });

    it('covers 24 months for every in-network customer', () => {
      const all = Array.from({ length: DEMO_BILL_MONTHS }, (_, k) => k);
      const expected = ({ customer, months }: Account) =>
        customer.archive === 'in_network' ? all : customer.activatedOn === null ? [] : all.slice(0, Math.max(1, months.length));
      const wrong = accounts.filter((account) => account.months.join() !== expected(account).join());
      expect(wrong.map((account) => account.customer.customerNo)).toEqual([]);
      expect([billMonth(0).iso, billMonth(DEMO_BILL_MONTHS - 1).iso]).toEqual(['2024-11-01', '2026-10-01']);
    });

    it('keeps every key account’s average monthly bill at or above its grade’s threshold', () => {
      const averages: Record<string, number[]> = {};
      const below: string[] = [];
      for (const { customer, amounts } of accounts) {
        if (!isKeyAccount(customer)) continue;
        const average = amounts.reduce((sum, amount) => sum + amount, 0) / amounts.length;
        if (average < DEMO_GRADE_MIN_MONTHLY_FEN[customer.grade as DemoGrade]) below.push(customer.customerNo);
        (averages[`${customer.kind}/${customer.grade}`] ??= []).push(average);
      }
      expect(below).toEqual([]);
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      // Groups spend far more than individuals of the same grade.
      expect(mean(averages['group/guest']!)).toBeGreaterThan(3 * mean(averages['individual/guest']!));
      expect(mean(averages['individual/guest']!)).toBeLessThan(DEMO_GRADE_MIN_MONTHLY_FEN.silver);
    });

    it('follows the seasons: Spring Festival and summer for individuals, year end for groups', () => {
      const totals = { individual: new Array<number>(DEMO_BILL_MONTHS).fill(0), group: new Array<number>(DEMO_BILL_MONTHS).fill(0) };
      for (const { customer, months, amounts } of accounts) {
        if (!isKeyAccount(customer)) continue;
        months.forEach((k, i) => (totals[customer.kind][k]! += amounts[i]!));
      }
      const index = (iso: string) => Array.from({ length: DEMO_BILL_MONTHS }, (_, k) => billMonth(k).iso).indexOf(iso);
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const individual = mean(totals.individual);
      const group = mean(totals.group);
      expect(totals.individual[index('2025-01-01')]!).toBeGreaterThan(individual * 1.1);
      expect(totals.individual[index('2026-02-01')]!).toBeGreaterThan(individual * 1.1);
      expect(totals.individual[index('2025-08-01')]!).toBeGreaterThan(individual * 1.03);
      expect(totals.group[index('2025-12-01')]!).toBeGreaterThan(group * 1.1);
      expect(totals.group[index('2026-02-01')]!).toBeLessThan(group * 0.95);
    });

    it('leaves about 4% of key accounts in arrears for their last months, most of them suspended', () => {
      const keyAccounts = accounts.filter((a) => isKeyAccount(a.customer));
      const inArrears = keyAccounts.filter((a) => a.unpaid.length > 0);
      expect(inArrears.length / keyAccounts.length).toBeGreaterThan(0.03);
      expect(inArrears.length / keyAccounts.length).toBeLessThan(0.05);
      for (const { customer, unpaid } of inArrears) {
        // The last one to four months, unbroken: the arrears grow older month by month.
        expect(unpaid.length, customer.customerNo).toBeLessThanOrEqual(4);
        expect(unpaid, customer.customerNo).toEqual(Array.from({ length: unpaid.length }, (_, i) => DEMO_BILL_MONTHS - unpaid.length + i));
      }
      expect(accounts.filter((a) => !isKeyAccount(a.customer) && a.unpaid.length > 0)).toEqual([]);

      const owner = new Map(plan.lines.map((line) => [line.lineNo, line]));
      const openArrears = new Set(
        plan.suspensions.filter((s) => s.kind === 'arrears' && s.restoredAt === null).map((s) => owner.get(s.lineNo)!.customerNo),
      );
      const suspended = inArrears.filter((a) => openArrears.has(a.customer.customerNo));
      expect(suspended.length / inArrears.length).toBeGreaterThan(0.7);
      // Every open arrears suspension belongs to a customer who owes money.
      expect([...openArrears].every((no) => inArrears.some((a) => a.customer.customerNo === no))).toBe(true);
    });
  });

  it('suspends lines consistently: status, times, reminders before the stop', () => {
    const lines = new Map(plan.lines.map((line) => [line.lineNo, line]));
    const customers = new Map(plan.customers.map((c) => [c.customerNo, c]));
    const open = new Set(plan.suspensions.filter((s) => s.restoredAt === null).map((s) => s.lineNo));
    expect(plan.lines.filter((line) => (line.status === 'suspended') !== open.has(line.lineNo))).toEqual([]);
    const wrong = plan.suspensions.filter((s) => {
      const line = lines.get(s.lineNo)!;
      const ahead = s.remindedAt ? Date.parse(s.suspendedAt) - Date.parse(s.remindedAt) : null;
      return (
        s.suspendedAt.slice(0, 10) < line.activatedOn ||
        s.suspendedAt.slice(0, 10) > '2026-10-31' ||
        (s.restoredAt !== null && Date.parse(s.restoredAt) <= Date.parse(s.suspendedAt)) ||
        (ahead !== null && (ahead <= 0 || ahead >= 3 * 86_400_000 || s.remindedBy !== customers.get(line.customerNo)!.accountManager || !['phone', 'sms'].includes(s.reminderChannel!))) ||
        (s.kind !== 'arrears' && ahead !== null)
      );
    });
    expect(wrong).toEqual([]);
    const kinds = new Set(plan.suspensions.map((s) => s.kind));
    expect(kinds).toEqual(new Set(['arrears', 'request', 'loss', 'administrative']));
    const arrears = plan.suspensions.filter((s) => s.kind === 'arrears');
    const reminded = arrears.filter((s) => s.remindedAt !== null).length / arrears.length;
    expect(reminded).toBeGreaterThan(0.4);
    expect(reminded).toBeLessThan(0.9);
    expect(arrears.some((s) => s.restoredAt !== null) && arrears.some((s) => s.restoredAt === null)).toBe(true);
  });

  it('adds contacts, key events and competitors to groups', () => {
    const groups = new Map(plan.customers.filter((c) => c.kind === 'group').map((c) => [c.customerNo, c]));
    expect(plan.contacts.every((c) => groups.has(c.customerNo) && isMainlandMobile(c.phone) && c.influence >= 1 && c.influence <= 5)).toBe(true);
    const phones = plan.contacts.map((c) => c.phone);
    expect(new Set(phones).size).toBe(phones.length);
    const customerPhones = new Set(plan.customers.map((c) => c.phone));
    expect(phones.filter((phone) => customerPhones.has(phone))).toEqual([]);
    const keyGroups = [...groups.values()].filter((g) => isKeyAccount(g));
    const roles = new Map<string, Set<string>>();
    for (const c of plan.contacts) roles.set(c.customerNo, (roles.get(c.customerNo) ?? new Set()).add(c.role));
    expect(keyGroups.filter((g) => !roles.get(g.customerNo)?.has('leader') || !roles.get(g.customerNo)?.has('daily_contact'))).toEqual([]);
    expect(new Set(plan.contacts.map((c) => c.role))).toEqual(new Set(['leader', 'key_person', 'daily_contact', 'finance', 'it']));
    expect(plan.events.every((e) => groups.has(e.customerNo) && e.occurredOn >= '2024-11-01' && e.occurredOn <= '2026-10-31')).toBe(true);
    const perGroup = new Map<string, number>();
    for (const e of plan.events) perGroup.set(e.customerNo, (perGroup.get(e.customerNo) ?? 0) + 1);
    expect(Math.max(...perGroup.values())).toBeLessThanOrEqual(3);
    const withRivals = new Set(plan.competitors.filter((c) => isKeyAccount(groups.get(c.customerNo)!)).map((c) => c.customerNo));
    expect(withRivals.size / keyGroups.length).toBeGreaterThan(0.3);
    expect(withRivals.size / keyGroups.length).toBeLessThan(0.5);
    for (const rival of plan.competitors) {
      expect(['中国电信', '中国联通', '中国广电']).toContain(rival.competitor);
      expect(rival.shareOfWallet >= 0 && rival.shareOfWallet <= 100 && rival.contractEndOn! > '2026-10-31').toBe(true);
    }
  });
});
