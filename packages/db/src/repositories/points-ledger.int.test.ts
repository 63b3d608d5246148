import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { lockCustomer } from './customer.repository';
import { InsufficientPointsError, accruePoints, expirePoints, pointsBalance, redeemPoints } from './points-ledger.repository';

const everything: AccessContext = {
  userId: 0,
  username: 'tester',
  displayName: 'tester',
  roles: ['province_manager'],
  orgUnitId: 1,
  orgUnitCode: 'HQ',
  orgPath: '/HQ/',
  dataScope: 'subtree',
  permissions: new Set(),
  unmaskedFields: new Set(),
  unmaskableFields: new Set(),
};

describe.each(testDatabaseKinds())('points ledger on %s', (kind) => {
  let db: Database;
  const id: Record<string, number> = {};
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // star, grade, billed, gifted: 2★ silver 123.45 → 186; 5★ gold 100 → 500; 5★ silver 100 → 300; unrated → 0; gifted 40 of 100 at 1★ → 60.
    for (const [no, star, grade, billed, gifted] of [
      ['A', 2, 'silver', 12_345, 0],
      ['B', 5, 'gold', 10_000, 0],
      ['C', 5, 'silver', 10_000, 0],
      ['D', 0, 'guest', 10_000, 0],
      ['E', 1, 'guest', 10_000, 4_000],
    ] as const) {
      const row = await db.first<{ id: number }>(sql`INSERT INTO customers (customer_no, kind, name, grade, star, org_unit_id)
        SELECT ${no}, 'individual', ${no}, ${grade}, ${star}, id FROM org_units WHERE code = 'HQ' RETURNING id`);
      id[no] = row!.id;
      await db.run(sql`INSERT INTO bills (customer_id, month, amount_fen, gifted_fen) VALUES (${row!.id}, '2026-01-01', ${billed}, ${gifted})`);
    }
  });
  afterAll(() => db.close());

  const balances = async () =>
    Object.fromEntries(await Promise.all(Object.entries(id).map(async ([no, customerId]) => [no, await pointsBalance(db, customerId)] as const)));

  it('accrues a month once, by star multiplier rounded up, nothing for gifted credit, expiring at the end of the next year', async () => {
    expect(await db.transaction((tx) => accruePoints(tx, '2026-01', 'test'))).toEqual({ entries: 5, points: 186 + 500 + 300 + 0 + 60 });
    expect(await db.transaction((tx) => accruePoints(tx, '2026-01', 'test'))).toEqual({ entries: 0, points: 0 });
    expect(await balances()).toEqual({ A: 186, B: 500, C: 300, D: 0, E: 60 });
    expect(await db.first(sql`SELECT DISTINCT expires_on AS e FROM points_ledger`)).toEqual({ e: '2027-12-31' });
  });

  it('never lets concurrent redemptions take a balance below zero', async () => {
    // B has 500: ten concurrent redemptions of 120 — exactly four can succeed.
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          await lockCustomer(tx, everything, id.B!);
          return redeemPoints(tx, id.B!, 120, 'gift', 'test');
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(4);
    for (const failure of attempts.filter((a) => a.status === 'rejected')) expect(failure.reason).toBeInstanceOf(InsufficientPointsError);
    expect(await pointsBalance(db, id.B!)).toBe(20);
    expect((await balances()).B).toBe(20);
  });

  it('sends notices 30 days ahead, expires unspent points after the year-end once, and keeps spent ones', async () => {
    await db.run(sql`INSERT INTO bills (customer_id, month, amount_fen) VALUES (${id.A!}, '2027-03-01', 10000)`);
    await db.run(sql`UPDATE customers SET star = 1 WHERE id = ${id.A!}`);
    await db.transaction((tx) => accruePoints(tx, '2027-03', 'test')); // A: +100 expiring 2028-12-31
    await db.transaction(async (tx) => {
      await lockCustomer(tx, everything, id.A!);
      await redeemPoints(tx, id.A!, 50, 'gift', 'test'); // spends the oldest (2026's) first
    });
    expect(await db.transaction((tx) => expirePoints(tx, '2027-11-30', 30, 'test'))).toEqual({ expired: 0, notices: 0 });
    const notices = await db.transaction((tx) => expirePoints(tx, '2027-12-01', 30, 'test'));
    expect(notices).toEqual({ expired: 0, notices: 4 }); // A, B, C, E
    expect(await db.first(sql`SELECT params FROM sms_outbox WHERE customer_id = ${id.A!}`)).toEqual({ params: { points: 136, expiresOn: '2027-12-31' } });
    expect(await db.transaction((tx) => expirePoints(tx, '2027-12-31', 30, 'test'))).toEqual({ expired: 0, notices: 0 });
    expect(await db.transaction((tx) => expirePoints(tx, '2028-01-01', 30, 'test'))).toEqual({ expired: 4, notices: 0 });
    expect(await db.transaction((tx) => expirePoints(tx, '2028-01-02', 30, 'test'))).toEqual({ expired: 0, notices: 0 });
    expect(await balances()).toEqual({ A: 100, B: 0, C: 0, D: 0, E: 0 });
    expect(await pointsBalance(db, id.A!)).toBe(100);
  });
});
