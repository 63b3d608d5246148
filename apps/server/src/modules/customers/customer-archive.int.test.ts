import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { auditOf, historyOf, seedBills, seedCustomer, seedLines, seedSuspension } from './customer-test-data';

interface ListItem {
  id: number;
  customerNo: string;
  name: string;
  grade: string;
  arrears: string;
  parentCustomerNo: string | null;
}

describe.each(testDatabaseKinds())('customer archive over HTTP on %s', (kind) => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.login(username));
    return t.as(tokens.get(username)!);
  };
  const list = async (username: string, query: string) => {
    const response = await (await as(username)).get(`/api/v1/customers?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: ListItem[]; total: number };
  };
  const numbers = async (username: string, query: string) => (await list(username, query)).items.map((item) => item.customerNo);

  let bigId: number;
  let memberId: number;
  let retainedId: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // A group with 200 lines and 24 months of bills (the last two unpaid) in district A, led by am_a.
    bigId = await seedCustomer(t.db, {
      customerNo: 'C1000000001',
      name: '江州港务集团有限公司',
      kind: 'group',
      grade: 'diamond',
      star: 5,
      orgUnit: 'DEMO-01-01',
      accountManager: 'am_a',
      activatedOn: '2015-03-01',
    });
    await t.db.run(sql`UPDATE users SET phone = '13900001111' WHERE username = 'am_a'`);
    await t.db.run(sql`INSERT INTO customer_managers (customer_id, user_id, since)
      SELECT ${bigId}, id, DATE '2025-01-01' FROM users WHERE username = 'am_a2'`);
    await seedLines(t.db, bigId, 200);
    await seedBills(t.db, bigId, '2026-10', 24, 2);
    await seedSuspension(t.db, '13900000050', '2026-06-01T02:00:00Z', '2026-06-03T02:00:00Z');
    await seedSuspension(t.db, '13900000100', '2025-01-01T02:00:00Z', '2025-01-05T02:00:00Z');
    // A member unit of the fixture's 中国移动… group, and a prospect in the retained archive.
    memberId = await seedCustomer(t.db, {
      customerNo: 'C1000000002',
      name: '天河营业厅',
      kind: 'group',
      grade: 'silver',
      orgUnit: 'DEMO-01-01',
      accountManager: 'am_a',
      parentId: t.ids.customerIds.C0000000001!,
      activatedOn: '2021-06-01',
    });
    retainedId = await seedCustomer(t.db, {
      customerNo: 'C1000000003',
      name: '陈静',
      grade: 'gold',
      orgUnit: 'DEMO-01-01',
      accountManager: 'am_a',
      archive: 'retained',
      retainedReason: 'potential',
    });
  });
  afterAll(() => t.close());

  describe('list and search', () => {
    it('finds 中国移动通信集团示范有限公司 by pinyin initials, full pinyin and Chinese, with its member unit by group name', async () => {
      expect(await numbers('cm_1', 'q=zgyd')).toEqual(['C0000000001', 'C1000000002']);
      expect(await numbers('cm_1', 'q=ZGYD')).toEqual(['C0000000001', 'C1000000002']);
      expect(await numbers('cm_1', 'q=zhongguoyidong')).toEqual(['C0000000001', 'C1000000002']);
      expect(await numbers('cm_1', 'q=yidongtong')).toEqual(['C0000000001', 'C1000000002']);
      expect(await numbers('cm_1', 'q=中国移动')).toEqual(['C0000000001', 'C1000000002']);
      expect(await numbers('cm_1', 'q=zw')).toEqual(['C0000000002']);
      expect(await numbers('cm_1', 'q=13812341234')).toHaveLength(4);
      expect(await numbers('cm_1', 'q=C1000000001')).toEqual(['C1000000001']);
      // Out of scope stays out of reach whatever matches.
      expect(await numbers('am_b', 'q=zgyd')).toEqual([]);
    });

    it('filters by grade list, star, kind, org subtree, manager, unassigned, arrears and activation dates', async () => {
      expect(await numbers('pm_demo', 'grade=gold,silver')).toEqual(['C0000000001', 'C0000000002', 'C1000000002']);
      expect(await numbers('pm_demo', 'grade=diamond&grade=guest')).toEqual(['C0000000003', 'C0000000004', 'C0000000005', 'C1000000001']);
      expect(await numbers('pm_demo', 'star=5')).toEqual(['C1000000001']);
      expect(await numbers('pm_demo', 'kind=group')).toEqual(['C0000000001', 'C1000000001', 'C1000000002']);
      expect(await numbers('pm_demo', 'orgUnit=DEMO-01-02')).toEqual(['C0000000004']);
      expect(await numbers('pm_demo', 'orgUnit=DEMO-02')).toEqual(['C0000000005']);
      expect(await numbers('pm_demo', 'manager=am_a2')).toEqual(['C0000000003']);
      expect(await numbers('pm_demo', 'manager=none')).toEqual(['C0000000005']);
      expect(await numbers('pm_demo', 'arrears=true')).toEqual(['C1000000001']);
      expect(await numbers('pm_demo', 'arrears=false&kind=group')).toEqual(['C0000000001', 'C1000000002']);
      expect(await numbers('pm_demo', 'activatedFrom=2016-01-01&activatedTo=2021-12-31')).toEqual(['C1000000002']);
    });

    it('keeps the retained archive apart unless asked for', async () => {
      expect(await numbers('am_a', 'pageSize=200')).not.toContain('C1000000003');
      expect(await numbers('am_a', 'archive=retained')).toEqual(['C1000000003']);
      expect(await numbers('am_a', 'archive=all')).toContain('C1000000003');
    });

    it('sorts by grade rank, arrears, activation date and name, either way, and pages', async () => {
      expect((await list('pm_demo', 'sort=grade&pageSize=3')).items.map((c) => c.grade)).toEqual(['diamond', 'diamond', 'gold']);
      expect((await list('pm_demo', 'sort=-grade&pageSize=2')).items.map((c) => c.grade)).toEqual(['guest', 'guest']);
      const byArrears = await list('pm_demo', 'sort=-arrears&pageSize=1');
      expect(byArrears.items[0]).toMatchObject({ customerNo: 'C1000000001', arrears: '2019.00' });
      expect(byArrears.total).toBe(7);
      expect((await numbers('pm_demo', 'sort=-activatedOn&pageSize=2'))).toEqual(['C1000000002', 'C1000000001']);
      // Pinyin order: 江州港务 jiang… < 李娜 li… < 刘洋 liu… < 天河 tian… < 王芳 wang… < 张伟 zhang… < 中国 zhong…
      expect(await numbers('pm_demo', 'sort=name')).toEqual([
        'C1000000001', 'C0000000003', 'C0000000005', 'C1000000002', 'C0000000004', 'C0000000002', 'C0000000001',
      ]);
      expect(await numbers('pm_demo', 'sort=-customerNo&page=2&pageSize=3')).toEqual(['C0000000004', 'C0000000003', 'C0000000002']);
    });

    it('answers bad filters with 400 and the field path', async () => {
      const pm = await as('pm_demo');
      const cases: [string, string][] = [
        ['grade=platinum', 'query.grade'],
        ['pageSize=500', 'query.pageSize'],
        ['sort=phone', 'query.sort'],
        ['activatedFrom=2026-02-30', 'query.activatedFrom'],
        ['orgUnit=NOWHERE', 'orgUnit'],
        ['manager=nobody', 'manager'],
      ];
      for (const [query, path] of cases) {
        const response = await pm.get(`/api/v1/customers?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.json().error.code).toBe('validation.failed');
        expect(response.json().error.details.map((d: { path: string }) => d.path).join(' '), query).toContain(path);
      }
    });
  });

  describe('360 view', () => {
    it('shows profile, managers, all 200 lines, 12 months of bills, arrears, suspensions and the empty work queues', async () => {
      const response = await (await as('cm_1')).get(`/api/v1/customers/${bigId}`);
      expect(response.statusCode).toBe(200);
      const view = response.json();
      expect(view).toMatchObject({
        id: bigId,
        customerNo: 'C1000000001',
        name: '江州港务集团有限公司',
        grade: 'diamond',
        star: 5,
        orgUnit: 'DEMO-01-01',
        accountManager: 'am_a',
        archive: 'in_network',
        arrears: '2019.00',
        openWorkOrders: [],
        openComplaints: [],
        parentGroup: null,
        memberUnits: [],
      });
      expect(view.managers.lead).toEqual({ username: 'am_a', displayName: 'am_a', phone: '13900001111', orgUnit: 'DEMO-01-01-T01' });
      expect(view.managers.assisting).toEqual([{ username: 'am_a2', displayName: 'am_a2', phone: null, orgUnit: 'DEMO-01-01-T01', since: '2025-01-01' }]);
      expect(view.lines).toHaveLength(200);
      expect(view.lineCount).toBe(200);
      expect(view.lines[0]).toMatchObject({ lineNo: '139****0001', type: 'mobile', status: 'normal', brand: '全球通' });
      expect(view.bills).toHaveLength(12);
      expect(view.bills.map((b: { month: string }) => b.month)).toEqual([
        '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
      ]);
      expect(view.bills[0]).toEqual({ month: '2025-11', amount: '1011.00', paid: '1011.00' });
      expect(view.bills[11]).toEqual({ month: '2026-10', amount: '1010.00', paid: '0.00' });
      expect(view.arrearsSummary).toEqual({ amount: '2019.00', unpaidBills: 2, oldestMonth: '2026-09', oldestAgeMonths: 2 });
      // Only the suspension within the last twelve months of the clock (2026-11-23).
      expect(view.suspensions).toHaveLength(1);
      expect(view.suspensions[0]).toMatchObject({ lineNo: '139****0050', kind: 'arrears', restoredAt: '2026-06-03T02:00:00.000Z' });
      expect(view.history).toEqual([]);
    });

    it('links member units and their group both ways', async () => {
      const group = (await (await as('cm_1')).get(`/api/v1/customers/${t.ids.customerIds.C0000000001}`)).json();
      expect(group.memberUnits).toEqual([
        expect.objectContaining({ id: memberId, customerNo: 'C1000000002', name: '天河营业厅', accountManager: 'am_a', archive: 'in_network' }),
      ]);
      const member = (await (await as('am_a')).get(`/api/v1/customers/${memberId}`)).json();
      expect(member.parentGroup).toEqual({ id: t.ids.customerIds.C0000000001, customerNo: 'C0000000001', name: '中国移动通信集团示范有限公司' });
    });

    it("is a 404 for another district's account manager", async () => {
      const response = await (await as('am_b')).get(`/api/v1/customers/${bigId}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    });
  });

  describe('create and edit', () => {
    it('creates a customer with search keys, history and audit; the list finds it by pinyin', async () => {
      const dm = await as('dm_a');
      const response = await dm.send('POST', '/api/v1/customers', {
        customerNo: 'C2000000001',
        kind: 'group',
        name: '北京银行江州分行',
        grade: 'gold',
        orgUnit: 'DEMO-01-01',
        accountManager: 'am_a2',
        uscc: '91350100M000100Y43',
        creditLimit: '50000.5',
        relationshipStage: 'middle',
      });
      expect(response.statusCode, response.body).toBe(201);
      const created = response.json();
      expect(created).toMatchObject({ customerNo: 'C2000000001', accountManager: 'am_a2', creditLimit: '50000.50', archive: 'in_network' });
      expect(await numbers('dm_a', 'q=bjyh')).toEqual(['C2000000001']);
      expect(await numbers('dm_a', 'q=beijingyinhang')).toEqual(['C2000000001']);
      const history = await historyOf(t.db, created.id);
      expect(history).toEqual([expect.objectContaining({ action: 'create', actorName: 'dm_a', before: null })]);
      expect(history[0]!.after).toMatchObject({ name: '北京银行江州分行', orgUnit: 'DEMO-01-01', accountManager: 'am_a2', creditLimit: '50000.50' });
      expect((await auditOf(t.db, 'customer.create')).map((e) => e.entityId)).toContain(String(created.id));
    });

    it('lets an account manager create only in their own org, for themselves', async () => {
      const am = await as('am_a');
      const own = await am.send('POST', '/api/v1/customers', { customerNo: 'C2000000002', kind: 'individual', name: '单晓红', orgUnit: 'DEMO-01-01' });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json().accountManager).toBe('am_a');
      expect(await numbers('am_a', 'q=shanxiaohong')).toEqual(['C2000000002']);
      const elsewhere = await am.send('POST', '/api/v1/customers', { customerNo: 'C2000000003', kind: 'individual', name: '赵六', orgUnit: 'DEMO-01-02' });
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().error.details[0].path).toBe('orgUnit');
      const forOther = await am.send('POST', '/api/v1/customers', {
        customerNo: 'C2000000003',
        kind: 'individual',
        name: '赵六',
        orgUnit: 'DEMO-01-01',
        accountManager: 'am_a2',
      });
      expect(forOther.statusCode).toBe(400);
      expect(forOther.json().error.details[0].path).toBe('accountManager');
    });

    it('refuses bad or duplicate input with field paths and keeps nothing', async () => {
      const dm = await as('dm_a');
      const count = async () => (await t.db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers`))!.n;
      const before = await count();
      const cases: [unknown, number, string][] = [
        [{ customerNo: 'C0000000001', kind: 'individual', name: '重复', orgUnit: 'DEMO-01-01' }, 409, 'customerNo'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '身份证', orgUnit: 'DEMO-01-01', idNumber: '110101199003071234' }, 400, 'body.idNumber'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '电话', orgUnit: 'DEMO-01-01', phone: '12345' }, 400, 'body.phone'],
        [{ customerNo: 'C2000000009', kind: 'person', name: '类型', orgUnit: 'DEMO-01-01' }, 400, 'body.kind'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '金额', orgUnit: 'DEMO-01-01', creditLimit: '1.234' }, 400, 'body.creditLimit'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '流失', orgUnit: 'DEMO-01-01', archive: 'retained', retainedReason: 'churned' }, 400, 'body.retainedCompetitor'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '组织', orgUnit: 'NOWHERE' }, 400, 'orgUnit'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '区外', orgUnit: 'DEMO-02-01' }, 400, 'orgUnit'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '经理', orgUnit: 'DEMO-01-01', accountManager: 'am_b' }, 400, 'accountManager'],
        [{ customerNo: 'C2000000009', kind: 'individual', name: '集团', orgUnit: 'DEMO-01-01', parentCustomerNo: 'C0000000002' }, 400, 'parentCustomerNo'],
      ];
      for (const [body, status, path] of cases) {
        const response = await dm.send('POST', '/api/v1/customers', body);
        expect(response.statusCode, JSON.stringify(body)).toBe(status);
        expect(response.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
      }
      expect(await count()).toBe(before);
      const agent = await (await as('agent')).send('POST', '/api/v1/customers', { customerNo: 'C2000000009', kind: 'individual', name: '无权', orgUnit: 'DEMO-01' });
      expect(agent.statusCode).toBe(403);
    });

    it('records every profile change in history (before/after) and in the audit log with PII masked', async () => {
      const dm = await as('dm_a');
      const id = t.ids.customerIds.C0000000002!;
      const response = await dm.send('PATCH', `/api/v1/customers/${id}`, {
        phone: '13900002222',
        grade: 'gold',
        name: '张伟明',
        employer: '江州大学',
        gradeValidFrom: '2026-01-01',
        gradeValidTo: '2026-12-31',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ name: '张伟明', grade: 'gold', phone: '139****2222', employer: '江州大学', gradeValidTo: '2026-12-31' });
      expect(await numbers('dm_a', 'q=zwm')).toEqual(['C0000000002']);
      const [entry] = (await historyOf(t.db, id)).filter((h) => h.action === 'update');
      expect(entry).toMatchObject({
        actorName: 'dm_a',
        before: { phone: '13812341234', grade: 'silver', name: '张伟', employer: null, gradeValidFrom: null, gradeValidTo: null },
        after: { phone: '13900002222', grade: 'gold', name: '张伟明', employer: '江州大学', gradeValidFrom: '2026-01-01', gradeValidTo: '2026-12-31' },
      });
      const audit = (await auditOf(t.db, 'customer.update')).find((e) => e.entityId === String(id))!;
      expect(audit.before).toMatchObject({ phone: '138****1234' });
      expect(audit.after).toMatchObject({ phone: '139****2222' });
      // A patch that changes nothing writes nothing.
      expect((await dm.send('PATCH', `/api/v1/customers/${id}`, { grade: 'gold' })).statusCode).toBe(200);
      expect((await historyOf(t.db, id)).filter((h) => h.action === 'update')).toHaveLength(1);
      // The 360 view shows the history masked for a caller who sees phones masked.
      const view = (await (await as('am_a')).get(`/api/v1/customers/${id}`)).json();
      expect(view.history[0]).toMatchObject({ action: 'update', actorName: 'dm_a', before: { phone: '138****1234' }, after: { phone: '139****2222' } });
    });

    it('refuses patches out of scope (404), with unknown keys or bad values (400), and group cycles', async () => {
      const id = t.ids.customerIds.C0000000002!;
      expect((await (await as('am_b')).send('PATCH', `/api/v1/customers/${id}`, { grade: 'diamond' })).statusCode).toBe(404);
      const dm = await as('dm_a');
      const unknownKey = await dm.send('PATCH', `/api/v1/customers/${id}`, { accountManager: 'am_a2' });
      expect(unknownKey.statusCode).toBe(400);
      const validity = await dm.send('PATCH', `/api/v1/customers/${id}`, { gradeValidTo: '2025-01-01' });
      expect(validity.statusCode).toBe(400);
      expect(validity.json().error.details[0].path).toBe('gradeValidTo');
      const cycle = await dm.send('PATCH', `/api/v1/customers/${t.ids.customerIds.C0000000001}`, { parentCustomerNo: 'C1000000002' });
      expect(cycle.statusCode).toBe(400);
      expect(cycle.json().error.details[0].path).toBe('parentCustomerNo');
      const member = await dm.send('PATCH', `/api/v1/customers/${t.ids.customerIds.C0000000003}`, { parentCustomerNo: 'C1000000001' });
      expect(member.statusCode).toBe(200);
      expect(member.json()).toMatchObject({ parentCustomerNo: 'C1000000001', parentCustomerName: '江州港务集团有限公司' });
    });
  });

  describe('archives', () => {
    it('moves a customer to the retained archive with a reason (competitor required when churned) and back', async () => {
      const dm = await as('dm_a');
      const id = t.ids.customerIds.C0000000003!;
      const noCompetitor = await dm.send('POST', `/api/v1/customers/${id}/archive`, { reason: 'churned' });
      expect(noCompetitor.statusCode).toBe(400);
      expect(noCompetitor.json().error.details[0].path).toBe('body.competitor');
      const badReason = await dm.send('POST', `/api/v1/customers/${id}/archive`, { reason: 'potential' });
      expect(badReason.statusCode).toBe(400);

      const archived = await dm.send('POST', `/api/v1/customers/${id}/archive`, { reason: 'churned', competitor: '中国电信', note: '携号转网' });
      expect(archived.statusCode, archived.body).toBe(200);
      expect(archived.json()).toMatchObject({ archive: 'retained', retainedReason: 'churned', retainedCompetitor: '中国电信', retainedNote: '携号转网' });
      expect(archived.json().retainedAt).toBe('2026-11-23T02:00:00.000Z');
      expect(await numbers('dm_a', 'pageSize=200')).not.toContain('C0000000003');
      expect(await numbers('dm_a', 'archive=retained')).toContain('C0000000003');
      expect((await dm.send('POST', `/api/v1/customers/${id}/archive`, { reason: 'other' })).json().error.code).toBe('state.illegal_transition');

      const restored = await dm.send('POST', `/api/v1/customers/${id}/restore`, { note: '挽回成功' });
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toMatchObject({ archive: 'in_network', retainedReason: null, retainedCompetitor: null, retainedAt: null });
      expect((await dm.send('POST', `/api/v1/customers/${id}/restore`)).statusCode).toBe(409);

      const history = (await historyOf(t.db, id)).filter((h) => h.action === 'archive' || h.action === 'restore');
      expect(history).toEqual([
        expect.objectContaining({
          action: 'archive',
          before: { archive: 'in_network' },
          after: { archive: 'retained', retainedReason: 'churned', retainedCompetitor: '中国电信', retainedNote: '携号转网' },
          reason: '携号转网',
        }),
        expect.objectContaining({
          action: 'restore',
          before: { archive: 'retained', retainedReason: 'churned', retainedCompetitor: '中国电信', retainedNote: '携号转网' },
          after: { archive: 'in_network' },
          reason: '挽回成功',
        }),
      ]);
      expect((await auditOf(t.db, 'customer.archive')).map((e) => e.entityId)).toContain(String(id));
    });

    it('keeps prospects in the retained archive as potential, and promotes them by restoring', async () => {
      const am = await as('am_a');
      const prospect = await am.send('POST', '/api/v1/customers', {
        customerNo: 'P2000000001',
        kind: 'individual',
        name: '周强',
        orgUnit: 'DEMO-01-01',
        archive: 'retained',
        retainedReason: 'potential',
        retainedNote: '竞争对手高消费客户',
      });
      expect(prospect.statusCode, prospect.body).toBe(201);
      expect(prospect.json()).toMatchObject({ archive: 'retained', retainedReason: 'potential' });
      expect(await numbers('am_a', 'archive=retained')).toEqual(['C1000000003', 'P2000000001']);
      expect((await am.send('POST', `/api/v1/customers/${retainedId}/restore`, {})).json().archive).toBe('in_network');
    });

    it('is a 404 for archive and restore out of scope', async () => {
      const amB = await as('am_b');
      expect((await amB.send('POST', `/api/v1/customers/${bigId}/archive`, { reason: 'closed' })).statusCode).toBe(404);
      expect((await amB.send('POST', `/api/v1/customers/${bigId}/restore`, {})).statusCode).toBe(404);
    });
  });

  describe('contacts, key events and competitors', () => {
    it('adds, lists, changes and removes contacts with history, masking their phones', async () => {
      const dm = await as('dm_a');
      const base = `/api/v1/customers/${bigId}/contacts`;
      const added = await dm.send('POST', base, { name: '李总', role: 'leader', title: '总经理', phone: '13700001234', influence: 5, email: 'li@example.com' });
      expect(added.statusCode, added.body).toBe(201);
      const contact = added.json();
      expect(contact).toMatchObject({ name: '李总', role: 'leader', phone: '137****1234', email: 'l***@example.com', influence: 5 });
      await dm.send('POST', base, { name: '王会计', role: 'finance' });
      const listed = (await (await as('am_a')).get(base)).json();
      expect(listed.items.map((c: { name: string }) => c.name)).toEqual(['李总', '王会计']);

      const changed = await dm.send('PATCH', `${base}/${contact.id}`, { title: '董事长' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().title).toBe('董事长');
      expect((await dm.send('PATCH', `${base}/${contact.id}`, { role: 'boss' })).statusCode).toBe(400);
      expect((await dm.send('DELETE', `${base}/${contact.id}`)).statusCode).toBe(204);
      expect((await dm.send('DELETE', `${base}/${contact.id}`)).statusCode).toBe(404);

      const actions = (await historyOf(t.db, bigId)).map((h) => h.action);
      expect(actions).toEqual(expect.arrayContaining(['contact.create', 'contact.update', 'contact.delete']));
      const view = (await (await as('am_a')).get(`/api/v1/customers/${bigId}`)).json();
      expect(view.contacts.map((c: { name: string }) => c.name)).toEqual(['王会计']);
      const created = view.history.find((h: { action: string; after: { name?: string } }) => h.action === 'contact.create' && h.after.name === '李总');
      expect(created.after).toMatchObject({ phone: '137****1234', email: 'l***@example.com' });
    });

    it('keeps key events and competitors, money in yuan', async () => {
      const am = await as('am_a');
      const event = await am.send('POST', `/api/v1/customers/${bigId}/events`, { occurredOn: '2026-09-01', kind: 'tender', title: '专线扩容招标' });
      expect(event.statusCode, event.body).toBe(201);
      expect(event.json()).toMatchObject({ kind: 'tender', createdBy: 'am_a', note: null });
      const competitor = await am.send('POST', `/api/v1/customers/${bigId}/competitors`, {
        competitor: '中国联通',
        products: '互联网专线',
        contractEndOn: '2027-06-30',
        shareOfWallet: 30,
        monthlySpend: '8800',
      });
      expect(competitor.statusCode, competitor.body).toBe(201);
      expect(competitor.json()).toMatchObject({ competitor: '中国联通', monthlySpend: '8800.00', shareOfWallet: 30 });
      const patched = await am.send('PATCH', `/api/v1/customers/${bigId}/competitors/${competitor.json().id}`, { monthlySpend: '9000.5' });
      expect(patched.json().monthlySpend).toBe('9000.50');
      const view = (await am.get(`/api/v1/customers/${bigId}`)).json();
      expect(view.events).toEqual([expect.objectContaining({ title: '专线扩容招标', occurredOn: '2026-09-01' })]);
      expect(view.competitors).toEqual([expect.objectContaining({ competitor: '中国联通', monthlySpend: '9000.50', contractEndOn: '2027-06-30' })]);
    });

    it("is a 404 on another district's customer, and a 403 without customer.write", async () => {
      const amB = await as('am_b');
      expect((await amB.get(`/api/v1/customers/${bigId}/contacts`)).statusCode).toBe(404);
      expect((await amB.send('POST', `/api/v1/customers/${bigId}/events`, { occurredOn: '2026-01-01', kind: 'other', title: 'x' })).statusCode).toBe(404);
      const agent = await as('agent');
      expect((await agent.send('POST', `/api/v1/customers/${bigId}/contacts`, { name: '某人', role: 'it' })).statusCode).toBe(403);
    });
  });
});
