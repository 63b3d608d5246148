import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { signIn } from '../work-orders/work-order.test-support';
import { expectConforms, expectTmfError, tmfClient, type TmfClient } from './tmf.test-support';

const CM = '/tmf-api/customerManagement/v4';
const PM = '/tmf-api/party/v4';

interface OutboxEvent {
  api: string;
  eventType: string;
  payload: Record<string, unknown> & { fieldPath?: string; event: Record<string, Record<string, unknown>> };
}

describe.each(testDatabaseKinds())('TMF629/TMF632 writes on %s', (kind) => {
  let t: TestApp;
  let city1: TmfClient;
  let city2: TmfClient;

  const eventsOf = (customerNo: string) =>
    t.db.rows<OutboxEvent>(sql`SELECT api, event_type AS "eventType", payload FROM tmf_events
      WHERE resource_key IN (${`customer/${customerNo}`}, ${`organization/${customerNo}`}, ${`individual/${customerNo}`}) ORDER BY id`);
  const viaApi = async (customerNo: string) => {
    const manager = await signIn(t, 'cm_1');
    const listed = await manager.get(`/api/v1/customers?q=${customerNo}&archive=all`);
    const found = listed.json().items?.[0];
    if (!found) throw new Error(listed.body);
    return (await manager.get(`/api/v1/customers/${found.id}`)).json();
  };

  const newCustomer = {
    name: '广州云帆物流有限公司',
    engagedParty: { id: 'TMF-ORG-1', '@referredType': 'Organization' },
    characteristic: [
      { name: 'grade', value: 'gold' },
      { name: 'keyAccount', value: true },
    ],
    contactMedium: [
      { mediumType: 'mobile', characteristic: { phoneNumber: '13900001111' } },
      { mediumType: 'email', characteristic: { emailAddress: 'it@yunfan.example' } },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { PATRON_TMF_CALLBACK_ALLOW: '127.0.0.1' });
    city1 = await tmfClient(t, 'customers-city1', 'DEMO-01');
    city2 = await tmfClient(t, 'customers-city2', 'DEMO-02');
    for (const base of [CM, PM]) expect((await city1.send('POST', `${base}/hub`, { callback: 'http://127.0.0.1:9/listener' })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('creates a key account whose engaged party is an Organization, with history, audit and events', async () => {
    const created = await city1.send('POST', `${CM}/customer`, newCustomer);
    expect(created.statusCode, created.body).toBe(201);
    const customer = created.json();
    expectConforms('customerManagement', 'Customer', customer);
    expect(created.headers.location).toBe(customer.href);
    expect(customer).toMatchObject({ id: 'TMF-ORG-1', name: newCustomer.name, status: 'active', engagedParty: { id: 'TMF-ORG-1', '@referredType': 'Organization' } });
    // The client's own field policy masks what it just sent.
    expect(JSON.stringify(customer)).not.toContain('13900001111');

    const stored = await viaApi('TMF-ORG-1');
    expect(stored).toMatchObject({ kind: 'group', grade: 'gold', orgUnit: 'DEMO-01', archive: 'in_network' });
    const history = await t.db.rows<{ action: string }>(sql`SELECT h.action FROM customer_history h JOIN customers c ON c.id = h.customer_id WHERE c.customer_no = 'TMF-ORG-1'`);
    expect(history.map((row) => row.action)).toEqual(['create']);

    const organization = (await city1.get(`${PM}/organization/TMF-ORG-1`)).json();
    expectConforms('party', 'Organization', organization);
    expect(organization.tradingName).toBe(newCustomer.name);

    const events = await eventsOf('TMF-ORG-1');
    expect(events.map((event) => event.eventType)).toEqual(['CustomerCreateEvent', 'OrganizationCreateEvent']);
    for (const event of events) expectConforms(event.api === 'party' ? 'party' : 'customerManagement', event.eventType, event.payload);
    expect(JSON.stringify(events)).not.toContain('13900001111');

    expectTmfError('customerManagement', await city1.send('POST', `${CM}/customer`, newCustomer), 409, 'conflict');
    expectTmfError('customerManagement', await city1.send('POST', `${CM}/customer`, { name: 'x' }), 400, 'validation.failed');
    const badCharacteristic = await city1.send('POST', `${CM}/customer`, { ...newCustomer, engagedParty: { id: 'TMF-ORG-2', '@referredType': 'Organization' }, characteristic: [{ name: 'vip', value: 'yes' }] });
    expectTmfError('customerManagement', badCharacteristic, 400, 'validation.failed');
    expect(badCharacteristic.json().message).toContain('body.characteristic.0.name');
    expectTmfError('party', await city1.send('POST', `${PM}/organization`, { tradingName: 'x' }), 405, 'method.not_allowed');
  });

  it('patches (merge patch or plain JSON) into the archive; a masked value sent back leaves the field alone', async () => {
    const read = (await city1.get(`${CM}/customer/TMF-ORG-1`)).json();
    const patched = await city1.send(
      'PATCH',
      `${CM}/customer/TMF-ORG-1`,
      { name: '广州云帆供应链有限公司', contactMedium: [...read.contactMedium, { mediumType: 'postalAddress', characteristic: { street1: '广州市天河区珠江新城 8 号' } }] },
      'application/merge-patch+json',
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expectConforms('customerManagement', 'Customer', patched.json());
    const stored = await viaApi('TMF-ORG-1');
    expect(stored).toMatchObject({ name: '广州云帆供应链有限公司' });
    const contact = await t.db.first(sql`SELECT phone, address FROM customers WHERE customer_no = 'TMF-ORG-1'`);
    expect(contact).toEqual({ phone: '13900001111', address: '广州市天河区珠江新城 8 号' });

    const party = await city1.send('PATCH', `${PM}/organization/TMF-ORG-1`, { organizationType: '物流' });
    expect(party.statusCode, party.body).toBe(200);
    expectConforms('party', 'Organization', party.json());
    expect((await viaApi('TMF-ORG-1')).industry).toBe('物流');

    const last = (await eventsOf('TMF-ORG-1')).filter((event) => event.eventType.endsWith('AttributeValueChangeEvent'));
    expect(last.map((event) => [event.eventType, event.payload.fieldPath])).toEqual([
      ['CustomerAttributeValueChangeEvent', 'name,contactMedium'],
      ['OrganizationAttributeValueChangeEvent', 'name,contactMedium'],
      ['CustomerAttributeValueChangeEvent', 'industry'],
      ['OrganizationAttributeValueChangeEvent', 'industry'],
    ]);

    expectTmfError('customerManagement', await city1.send('PATCH', `${CM}/customer/TMF-ORG-1`, { contactMedium: [{ mediumType: 'mobile', characteristic: { phoneNumber: '139****9999' } }] }), 400, 'validation.failed');
    expectTmfError('customerManagement', await city1.send('PATCH', `${CM}/customer/TMF-ORG-1`, { engagedParty: { id: 'OTHER', '@referredType': 'Organization' } }), 400, 'validation.failed');
    expectTmfError('customerManagement', await city2.send('PATCH', `${CM}/customer/TMF-ORG-1`, { name: 'x' }), 404, 'not_found');
    expectTmfError('party', await city1.send('PATCH', `${PM}/individual/TMF-ORG-1`, { givenName: 'x' }), 404, 'not_found');
  });

  it('sends a relatedParty change when the account manager is assigned in Patron', async () => {
    const manager = await signIn(t, 'cm_1');
    const { id } = await viaApi('TMF-ORG-1');
    const assigned = await manager.post('/api/v1/customers/assign', { customerIds: [id], accountManager: 'am_a' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const changes = (await eventsOf('TMF-ORG-1')).filter((event) => event.eventType.endsWith('AttributeValueChangeEvent'));
    expect(changes.slice(-2).map((event) => [event.eventType, event.payload.fieldPath])).toEqual([
      ['CustomerAttributeValueChangeEvent', 'relatedParty'],
      ['OrganizationAttributeValueChangeEvent', 'relatedParty'],
    ]);
    for (const event of changes.slice(-2)) expectConforms(event.api === 'party' ? 'party' : 'customerManagement', event.eventType, event.payload);
  });

  it('moves the customer between archives by status, and DELETE retains it with a reason', async () => {
    expectTmfError('customerManagement', await city1.send('PATCH', `${CM}/customer/TMF-ORG-1`, { status: 'closed', statusReason: 'fired' }), 400, 'validation.failed');
    const closed = await city1.send('PATCH', `${CM}/customer/TMF-ORG-1`, { status: 'closed', statusReason: 'moved_away' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', statusReason: 'moved_away' });
    expect(await viaApi('TMF-ORG-1')).toMatchObject({ archive: 'retained', retainedReason: 'moved_away' });
    const reopened = await city1.send('PATCH', `${CM}/customer/TMF-ORG-1`, { status: 'active' });
    expect(reopened.json().status).toBe('active');

    const deleted = await city1.send('DELETE', `${CM}/customer/TMF-ORG-1?statusReason=demoted`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await city1.get(`${CM}/customer/TMF-ORG-1`)).json()).toMatchObject({ status: 'closed', statusReason: 'demoted' });
    expectTmfError('customerManagement', await city1.send('DELETE', `${CM}/customer/TMF-ORG-1`), 409, 'conflict');
    expectTmfError('party', await city1.send('DELETE', `${PM}/organization/TMF-ORG-1`), 405, 'method.not_allowed');

    const types = (await eventsOf('TMF-ORG-1')).filter((event) => event.api === 'customerManagement').map((event) => event.eventType);
    expect(types.slice(-4)).toEqual(['CustomerStateChangeEvent', 'CustomerStateChangeEvent', 'CustomerStateChangeEvent', 'CustomerDeleteEvent']);
    for (const event of await eventsOf('TMF-ORG-1')) expectConforms(event.api === 'party' ? 'party' : 'customerManagement', event.eventType, event.payload);
  });

  it('patches an Individual: the name from family and given name, gender and birth date', async () => {
    const patched = await city1.send('PATCH', `${PM}/individual/C0000000002`, { familyName: '欧阳', givenName: '娜娜', gender: 'female', birthDate: '1990-05-01T00:00:00+08:00' });
    expect(patched.statusCode, patched.body).toBe(200);
    expectConforms('party', 'Individual', patched.json());
    expect(patched.json()).toMatchObject({ fullName: '欧阳娜娜', gender: 'female' });
    expect(await viaApi('C0000000002')).toMatchObject({ name: '欧阳娜娜', gender: 'female' });
    expect(await t.db.first(sql`SELECT birthday::text AS birthday FROM customers WHERE customer_no = 'C0000000002'`)).toEqual({ birthday: '1990-05-01' });
    expectTmfError('party', await city1.send('PATCH', `${PM}/individual/C0000000002`, { tradingName: 'x' }), 400, 'validation.failed');
  });
});
