import { beforeAll, describe, expect, it } from 'vitest';
import { pinyinKeys } from '@patron/domain/search/search-keys';
import { isValidResidentId } from '@patron/domain/validation/resident-id';
import { DEMO_MAIN_CITY_GRADES, DEMO_PERSONA_BOOK } from './demo-catalog';
import { ACCOUNT_MANAGER_USERNAMES, buildDemoPlan, spreadWithCap, type DemoPlan } from './demo-plan';
import { seededRandom } from './seeded-random';

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

describe('buildDemoPlan', () => {
  let plan: DemoPlan;
  beforeAll(() => {
    plan = buildDemoPlan(11);
  });

  it('is deterministic per seed', () => {
    const again = buildDemoPlan(11);
    expect(again.customers.slice(0, 5).map((c) => c.name)).toEqual(plan.customers.slice(0, 5).map((c) => c.name));
    expect(again).toEqual(plan);
    const other = buildDemoPlan(12);
    expect(other.customers.slice(0, 20).map((c) => c.name)).not.toEqual(plan.customers.slice(0, 20).map((c) => c.name));
  });

  it('matches the deck’s DEMO-01 figures', () => {
    const main = plan.customers.filter((c) => c.orgUnit.startsWith('DEMO-01-'));
    const byGrade = { diamond: 0, gold: 0, silver: 0, guest: 0 };
    for (const c of main) byGrade[c.grade] += 1;
    expect(byGrade).toEqual(DEMO_MAIN_CITY_GRADES);
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

  it('never activates a line before 2005, after the as-of date or before the holder turned 18', () => {
    for (const c of plan.customers) {
      expect(c.activatedOn >= '2005-01-01' && c.activatedOn <= '2026-10-31', c.activatedOn).toBe(true);
      if (c.idNumber) expect(Number(c.activatedOn.slice(0, 4)) - Number(c.idNumber.slice(6, 10))).toBeGreaterThanOrEqual(18);
    }
  });
});
