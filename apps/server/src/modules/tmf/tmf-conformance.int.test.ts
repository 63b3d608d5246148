import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TmfApi } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, setClock, signIn } from '../work-orders/work-order.test-support';
import { TMF_SPEC_FILES } from './tmf-schemas';
import { expectConforms, expectTmfError, tmfClient, type TmfClient } from './tmf.test-support';

const TT = '/tmf-api/troubleTicket/v4';
const CM = '/tmf-api/customerManagement/v4';
const PM = '/tmf-api/party/v4';
const AM = '/tmf-api/appointment/v4';

describe('the swagger files the validator reads', () => {
  // shared/ sits beside the clone (CI), or beside the folder of worktrees (a developer's machine).
  const shared = ['../../../../../../shared/tmf/', '../../../../../../../shared/tmf/']
    .map((path) => new URL(path, import.meta.url))
    .find((url) => existsSync(url));
  it.skipIf(shared === undefined)('are unmodified copies of ../shared/tmf', () => {
    for (const file of Object.values(TMF_SPEC_FILES)) {
      expect(readFileSync(new URL(`../../../tmf-specs/${file}`, import.meta.url), 'utf8'), file).toBe(readFileSync(new URL(file, shared!), 'utf8'));
    }
  });
});

describe.each(testDatabaseKinds())('TMF v4 conformance on %s', (kind) => {
  let t: TestApp;
  let city1: TmfClient;
  let city2: TmfClient;
  const tickets: string[] = [];

  const create = (client: TmfClient, customer: string, extra: Record<string, unknown> = {}) =>
    client.send('POST', `${TT}/troubleTicket`, {
      description: `故障 ${customer}`,
      severity: 'minor',
      ticketType: 'workOrder',
      relatedParty: [{ id: customer, role: 'customer', '@referredType': 'Customer' }],
      ...extra,
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'CF-A', star: 4 });
    await addCustomer(t, { no: 'CF-B', star: 2 });
    await addCustomer(t, { no: 'CF-CITY2', star: 3, org: 'DEMO-02-01', manager: null });
    city1 = await tmfClient(t, 'conformance-city1', 'DEMO-01');
    city2 = await tmfClient(t, 'conformance-city2', 'DEMO-02');
    for (let i = 0; i < 5; i += 1) {
      setClock(t, `2026-11-23T0${2 + i}:00:00Z`);
      const response = await create(city1, i % 2 === 0 ? 'CF-A' : 'CF-B', { severity: i === 4 ? 'critical' : 'minor', externalId: `EXT-${i}` });
      expect(response.statusCode, response.body).toBe(201);
      tickets.push(response.json().id);
    }
    setClock(t, '2026-11-23T08:00:00Z');
    expect((await create(city2, 'CF-CITY2')).statusCode).toBe(201);
  }, 180_000);
  afterAll(() => t.close());

  async function expectList(client: TmfClient, api: TmfApi, definition: string, url: string) {
    const response = await client.get(url);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json() as Record<string, unknown>[];
    expect(Array.isArray(items)).toBe(true);
    expect(response.headers['x-result-count']).toBe(String(items.length));
    expect(Number(response.headers['x-total-count'])).toBeGreaterThanOrEqual(items.length);
    for (const item of items) {
      expectConforms(api, definition, item);
      expect(item).toHaveProperty('id');
      expect(item).toHaveProperty('href');
      expect(item).toHaveProperty('@type', definition);
    }
    return { items, total: Number(response.headers['x-total-count']) };
  }

  async function expectResource(client: TmfClient, api: TmfApi, definition: string, url: string) {
    const response = await client.get(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expectConforms(api, definition, response.json());
    return response.json();
  }

  it('serves every read endpoint with bodies that validate against the v4 schemas', async () => {
    const list = await expectList(city1, 'troubleTicket', 'TroubleTicket', `${TT}/troubleTicket`);
    expect(list.total).toBe(5);
    await expectResource(city1, 'troubleTicket', 'TroubleTicket', `${TT}/troubleTicket/${tickets[0]}`);

    const customers = await expectList(city1, 'customerManagement', 'Customer', `${CM}/customer?limit=50`);
    const cfA = customers.items.find((customer) => customer.id === 'CF-A') as { engagedParty: { href: string; '@referredType': string } };
    expect(cfA.engagedParty['@referredType']).toBe('Organization');
    await expectResource(city1, 'customerManagement', 'Customer', `${CM}/customer/CF-A`);
    await expectList(city1, 'party', 'Individual', `${PM}/individual`);
    await expectList(city1, 'party', 'Organization', `${PM}/organization`);
    const organization = await expectResource(city1, 'party', 'Organization', `${PM}/organization/CF-A`);
    expect(cfA.engagedParty.href).toBe(organization.href);
    await expectResource(city1, 'party', 'Individual', `${PM}/individual/C0000000002`);
    await expectResource(city1, 'party', 'Organization', `/tmf-api/partyManagement/v4/organization/CF-A`);

    const am = await signIn(t, 'am_a');
    const order = (await am.get('/api/v1/work-orders?customer=CF-A&sort=acceptedAt')).json().items[0];
    await move(am, order.id, 'appointed', { appointment: { start: '2026-11-24T14:00:00+08:00', end: '2026-11-24T16:00:00+08:00' } });
    const appointments = await expectList(city1, 'appointment', 'Appointment', `${AM}/appointment`);
    expect(appointments.items).toHaveLength(1);
    const appointment = await expectResource(city1, 'appointment', 'Appointment', `${AM}/appointment/${order.orderNo}`);
    expect(appointment).toMatchObject({ status: 'confirmed', validFor: { startDateTime: '2026-11-24T06:00:00.000Z', endDateTime: '2026-11-24T08:00:00.000Z' } });
  });

  it('answers every error status with a TMF Error body', async () => {
    expectTmfError('troubleTicket', await t.app.inject({ method: 'GET', url: `${TT}/troubleTicket` }), 401, 'auth.required');
    const person = t.as(await t.login('am_a'));
    expectTmfError('troubleTicket', await person.get(`${TT}/troubleTicket`), 403, 'auth.forbidden');
    expectTmfError('troubleTicket', await city1.get(`${TT}/troubleTicket/WO209901019999`), 404, 'not_found');
    expectTmfError('troubleTicket', await city1.get(`${TT}/troubleTicket/nonsense`), 404, 'not_found');
    expectTmfError('customerManagement', await city1.get(`${CM}/customer/NOPE`), 404, 'not_found');
    expectTmfError('party', await city1.get(`${PM}/organization/C0000000002`), 404, 'not_found');
    expectTmfError('appointment', await city1.get(`${AM}/appointment/${tickets[1]}`), 404, 'not_found');
    expectTmfError('troubleTicket', await create(city1, 'CF-A', { severity: undefined }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await create(city1, 'CF-A', { note: { text: 'not an array' } }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await create(city1, 'CF-A', { relatedParty: [{ id: 'CF-A' }] }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await create(city1, 'CF-CITY2'), 400, 'validation.failed');
    expectTmfError('troubleTicket', await create(city1, 'CF-A', { ticketType: 'serviceRequest' }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await city1.send('PATCH', `${TT}/troubleTicket/${tickets[0]}`, { creationDate: '2020-01-01T00:00:00Z' }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await city1.send('PATCH', `${TT}/troubleTicket/${tickets[0]}`, { status: 'closed' }), 409, 'state.illegal_transition');
    expectTmfError('troubleTicket', await city1.send('PATCH', `${TT}/troubleTicket/WO209901019999`, { name: 'x' }), 404, 'not_found');
    expectTmfError('troubleTicket', await city1.send('PATCH', `${TT}/troubleTicket/${tickets[0]}`, [{ op: 'replace', path: '/name', value: 'x' }], 'application/json-patch+json'), 415, 'media_type.unsupported');
    expectTmfError('troubleTicket', await city1.send('PUT', `${TT}/troubleTicket/${tickets[0]}`, { name: 'x' }), 405, 'method.not_allowed');
    expectTmfError('party', await city1.send('DELETE', `${PM}/organization/CF-A`), 405, 'method.not_allowed');
    expectTmfError('customerManagement', await city1.send('PATCH', `${CM}/customer/CF-A`, { status: 'suspended' }), 400, 'validation.failed');
    expectTmfError('customerManagement', await city1.send('DELETE', `${CM}/customer/NOPE`), 404, 'not_found');
    expectTmfError('troubleTicket', await city1.send('POST', `${TT}/hub`, { callback: 'ftp://example' }), 400, 'validation.failed');
    // SSRF: a callback into a private network or this machine is refused unless the operator allows it.
    for (const callback of ['http://10.0.0.5/listener', 'http://127.0.0.1:8080/listener', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/l']) {
      const refused = await city1.send('POST', `${AM}/hub`, { callback });
      expectTmfError('appointment', refused, 400, 'validation.failed');
      expect(refused.json().message).toContain('body.callback');
    }
    expectTmfError('troubleTicket', await city1.send('DELETE', `${TT}/hub/999999`), 404, 'not_found');
    expectTmfError('troubleTicket', await city1.get(`${TT}/troubleTicket?limit=0`), 400, 'validation.failed');
    expectTmfError('troubleTicket', await city1.get(`${TT}/troubleTicket?creationDate.gt=yesterday`), 400, 'validation.failed');
  });

  it('returns exactly the fields asked for, plus id, href and @type', async () => {
    const list = (await city1.get(`${TT}/troubleTicket?fields=severity,status`)).json() as Record<string, unknown>[];
    for (const item of list) expect(Object.keys(item).sort()).toEqual(['@type', 'href', 'id', 'severity', 'status']);
    const one = (await city1.get(`${TT}/troubleTicket/${tickets[0]}?fields=name,unknownThing`)).json();
    expect(Object.keys(one).sort()).toEqual(['@type', 'href', 'id', 'name']);
    const customer = (await city1.get(`${CM}/customer/CF-A?fields=engagedParty`)).json();
    expect(Object.keys(customer).sort()).toEqual(['@type', 'engagedParty', 'href', 'id']);
  });

  it('filters by attributes: equality, OR within one, AND across, date comparisons', async () => {
    const ids = async (query: string) => ((await city1.get(`${TT}/troubleTicket?${query}`)).json() as { id: string }[]).map((item) => item.id);
    expect(await ids(`id=${tickets[2]}`)).toEqual([tickets[2]]);
    expect(await ids('severity=critical')).toEqual([tickets[4]]);
    expect(await ids('externalId=EXT-1,EXT-3')).toEqual([tickets[3], tickets[1]]);
    expect(await ids('relatedParty.id=CF-A&severity=minor')).toEqual([tickets[2], tickets[0]]);
    expect(await ids('creationDate.gte=2026-11-23T04:00:00Z&creationDate.lt=2026-11-23T06:00:00Z')).toEqual([tickets[3], tickets[2]]);
    expect(await ids('status=resolved')).toEqual([]);
    expect(await ids('ticketType=complaint')).toEqual([]);
    expect(await ids('ticketType=workOrder&unknownAttribute=1')).toHaveLength(5);
    expect(await ids('severity=critical&fields=description')).toEqual([tickets[4]]);
  });

  it('pages with offset and limit, newest first, with both count headers', async () => {
    const page = await city1.get(`${TT}/troubleTicket?offset=1&limit=2`);
    expect(page.headers['x-total-count']).toBe('5');
    expect(page.headers['x-result-count']).toBe('2');
    expect((page.json() as { id: string }[]).map((item) => item.id)).toEqual([tickets[3], tickets[2]]);
    const slashed = await city1.get(`${TT}/troubleTicket/?offset=1&limit=2`);
    expect(slashed.statusCode).toBe(200);
    expect(slashed.json()).toEqual(page.json());
    expect((await city1.get(`${TT}/troubleTicket/${tickets[0]}/?fields=name`)).json()).toMatchObject({ id: tickets[0] });
    const oldestFirst = await city1.get(`${TT}/troubleTicket?sort=creationDate&limit=2`);
    expect((oldestFirst.json() as { id: string }[]).map((item) => item.id)).toEqual([tickets[0], tickets[1]]);
    const past = await city1.get(`${TT}/troubleTicket?offset=10`);
    expect(past.json()).toEqual([]);
    expect(past.headers['x-result-count']).toBe('0');
  });

  it('keeps each client inside its data scope and masks PII by its field policy', async () => {
    const city2Tickets = (await city2.get(`${TT}/troubleTicket`)).json() as { relatedParty: { id: string }[] }[];
    expect(city2Tickets).toHaveLength(1);
    expect(city2Tickets[0]!.relatedParty[0]!.id).toBe('CF-CITY2');
    expectTmfError('troubleTicket', await city2.get(`${TT}/troubleTicket/${tickets[0]}`), 404, 'not_found');
    expectTmfError('customerManagement', await city2.get(`${CM}/customer/CF-A`), 404, 'not_found');
    const city2Customers = (await city2.get(`${CM}/customer`)).json() as { id: string }[];
    expect(city2Customers.map((customer) => customer.id).sort()).toEqual(['C0000000005', 'CF-CITY2']);

    const person = (await city1.get(`${PM}/individual/C0000000002`)).json();
    const phone = person.contactMedium.find((medium: { mediumType: string }) => medium.mediumType === 'mobile');
    expect(phone.characteristic.phoneNumber).toBe('138****1234');
    expect(person.individualIdentification[0].identificationId).toBe('440106********1234');
    expect(JSON.stringify(person)).not.toContain('13812341234');
  });

  it('round-trips: a TMF patch shows in Patron, a Patron change shows in TMF', async () => {
    const id = tickets[0]!;
    const patched = await city1.send('PATCH', `${TT}/troubleTicket/${id}`, { name: '新标题', priority: 'High', status: 'inProgress' }, 'application/merge-patch+json');
    expect(patched.statusCode, patched.body).toBe(200);
    expectConforms('troubleTicket', 'TroubleTicket', patched.json());
    expect(patched.json()).toMatchObject({ name: '新标题', priority: 'High', status: 'inProgress' });

    const am = await signIn(t, 'am_a');
    const order = (await am.get(`/api/v1/work-orders?q=${id}`)).json().items[0];
    expect(order).toMatchObject({ orderNo: id, title: '新标题', priority: 'high', status: 'appointed' });

    for (const to of ['dispatched', 'in_progress']) expect((await move(am, order.id, to, {})).statusCode).toBe(200);
    const resolved = await city1.send('PATCH', `${TT}/troubleTicket/${id}`, { status: 'resolved' });
    expect(resolved.json().status).toBe('resolved');
    expect(resolved.json().resolutionDate).toBeDefined();
    expect((await am.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('completed');
    const pending = await city1.send('PATCH', `${TT}/troubleTicket/${tickets[1]}`, { status: 'pending', statusChangeReason: 'customer_absent' });
    expect(pending.json()).toMatchObject({ status: 'pending' });

    const removed = await city1.send('DELETE', `${TT}/troubleTicket/${tickets[3]}`);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await city1.get(`${TT}/troubleTicket/${tickets[3]}`)).json().status).toBe('cancelled');
    expectTmfError('troubleTicket', await city1.send('DELETE', `${TT}/troubleTicket/${tickets[3]}`), 409, 'conflict');
  });
});
