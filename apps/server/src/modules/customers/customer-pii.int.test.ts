import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { auditOf, seedCustomer, seedLines, seedSuspension } from './customer-test-data';

const PERSON = {
  phone: '13812345678',
  idNumber: '110101199003071233',
  address: '广东省广州市天河区体育西路103号',
  birthday: '1990-03-07',
  email: 'chenjing@example.com',
};
const MASKED = {
  phone: '138****5678',
  idNumber: '110101********1233',
  address: '广东省广州市天河区',
  birthday: '1990-**-**',
  email: 'c***@example.com',
};

describe.each(testDatabaseKinds())('customer PII masking and unmasking over HTTP on %s', (kind) => {
  let t: TestApp;
  let customerId: number;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.login(username));
    return t.as(tokens.get(username)!);
  };
  const unmask = async (username: string, id: number, body: unknown) => (await as(username)).send('POST', `/api/v1/customers/${id}/unmask`, body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    // am_a leads; the outbound agent has the customer on their call list (as phone-side servicer).
    customerId = await seedCustomer(t.db, {
      customerNo: 'C3000000001',
      name: '陈静',
      grade: 'gold',
      orgUnit: 'DEMO-01-01',
      accountManager: 'am_a',
      phoneManager: 'agent',
      ...PERSON,
    });
    await t.db.run(sql`INSERT INTO customer_contacts (customer_id, name, role, phone, email, birthday)
      VALUES (${customerId}, '陈先生', 'key_person', '13911112222', 'chen@example.com', '1960-05-01')`);
    await seedLines(t.db, customerId, 2, { prefix: '1398888' });
    await seedSuspension(t.db, '13988880002', '2026-05-01T00:00:00Z', null);
  });
  afterAll(() => t.close());

  it.each(['am_a', 'agent', 'dm_a'])('masks phone, ID, address, birthday, e-mail and contacts for %s', async (username) => {
    const view = (await (await as(username)).get(`/api/v1/customers/${customerId}`)).json();
    expect(view).toMatchObject(MASKED);
    expect(view.contacts[0]).toMatchObject({ phone: '139****2222', email: 'c***@example.com', birthday: '1960-**-**' });
    const listed = (await (await as(username)).get('/api/v1/customers?q=C3000000001')).json();
    expect(listed.items[0]).toMatchObject(MASKED);
  });

  it('shows fields in full where the role policy says so', async () => {
    await t.db.run(sql`UPDATE roles SET unmasked_fields = '{phone,email}' WHERE code = 'district_manager'`);
    try {
      const login = await t.login('dm_a');
      const view = (await t.as(login).get(`/api/v1/customers/${customerId}`)).json();
      expect(view).toMatchObject({ phone: PERSON.phone, email: PERSON.email, idNumber: MASKED.idNumber });
      // Fields shown anyway may be "unmasked" without the unmaskable list.
      const response = await t.as(login).send('POST', `/api/v1/customers/${customerId}/unmask`, { fields: ['email'], reason: '核对邮箱' });
      expect(response.json()).toEqual({ fields: { email: PERSON.email } });
    } finally {
      await t.db.run(sql`UPDATE roles SET unmasked_fields = '{}' WHERE code = 'district_manager'`);
    }
  });

  it('unmasks fields in the unmaskable set and audits fields and reason, never values', async () => {
    const response = await unmask('am_a', customerId, { fields: ['phone', 'address'], reason: '上门服务核对地址' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ fields: { phone: PERSON.phone, address: PERSON.address }, lines: expect.any(Object) });
    const events = (await auditOf(t.db, 'customer.unmask')).filter((e) => e.actorName === 'am_a');
    expect(events).toEqual([
      expect.objectContaining({ entityId: String(customerId), after: { fields: ['phone', 'address'] }, reason: '上门服务核对地址', before: null }),
    ]);
    expect(JSON.stringify(events)).not.toContain(PERSON.phone);
    // A district manager may unmask the ID number; an account manager may not.
    const district = await unmask('dm_a', customerId, { fields: ['idNumber'], reason: '实名核验' });
    expect(district.json()).toEqual({ fields: { idNumber: PERSON.idNumber } });
  });

  it('refuses fields outside the unmaskable set with 403 and writes nothing', async () => {
    const before = (await auditOf(t.db, 'customer.unmask')).length;
    const idNumber = await unmask('am_a', customerId, { fields: ['phone', 'idNumber'], reason: '核对身份信息' });
    expect(idNumber.statusCode).toBe(403);
    expect(idNumber.json().error.code).toBe('auth.forbidden');
    const agent = await unmask('agent', customerId, { fields: ['phone'], reason: '外呼核对号码' });
    expect(agent.statusCode).toBe(403);
    expect((await auditOf(t.db, 'customer.unmask')).length).toBe(before);
  });

  it('is a 404 out of scope and a 400 without a real reason or with unknown fields', async () => {
    expect((await unmask('am_b', customerId, { fields: ['phone'], reason: '核对号码' })).statusCode).toBe(404);
    const short = await unmask('am_a', customerId, { fields: ['phone'], reason: 'ok' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('body.reason');
    const unknown = await unmask('am_a', customerId, { fields: ['salary'], reason: '核对信息' });
    expect(unknown.statusCode).toBe(400);
    expect((await unmask('am_a', customerId, { fields: [], reason: '核对信息' })).statusCode).toBe(400);
  });

  it('masks line numbers like phones, and unmasking the phone reveals them, audited', async () => {
    const view = (await (await as('am_a')).get(`/api/v1/customers/${customerId}`)).json();
    expect(view.lines.map((line: { lineNo: string }) => line.lineNo)).toEqual(['139****0001', '139****0002']);
    expect(view.suspensions[0]).toMatchObject({ lineNo: '139****0002', lineId: view.lines[1].id });
    const before = (await auditOf(t.db, 'customer.unmask')).length;
    const response = await unmask('am_a', customerId, { fields: ['phone'], reason: '核对线路号码' });
    expect(response.statusCode).toBe(200);
    expect(response.json().lines).toEqual({ [view.lines[0].id]: '13988880001', [view.lines[1].id]: '13988880002' });
    expect((await auditOf(t.db, 'customer.unmask')).length).toBe(before + 1);
    // Without the phone, no line numbers.
    expect((await unmask('am_a', customerId, { fields: ['address'], reason: '核对地址信息' })).json().lines).toBeUndefined();
  });

  it('keeps PII out of the audit trail of edits, masked, while the history keeps values for the record', async () => {
    const response = await (await as('dm_a')).send('PATCH', `/api/v1/customers/${customerId}`, { email: 'new@example.com', address: '广东省广州市越秀区北京路1号' });
    expect(response.statusCode, response.body).toBe(200);
    const audit = (await auditOf(t.db, 'customer.update')).at(-1)!;
    expect(audit.before).toEqual({ address: MASKED.address, email: MASKED.email });
    expect(audit.after).toEqual({ address: '广东省广州市越秀区', email: 'n***@example.com' });
    const stored = await t.db.first<{ after: Record<string, string> }>(sql`
      SELECT after FROM customer_history WHERE customer_id = ${customerId} AND action = 'update' ORDER BY id DESC LIMIT 1`);
    expect(stored!.after).toEqual({ address: '广东省广州市越秀区北京路1号', email: 'new@example.com' });
  });
});
