import { describe, expect } from 'vitest';
import { adminPassword, apiGet, demoPassword, loginAs, logout, openNav } from './support/app';
import { useJourney } from './support/journey';

const suffix = Date.now().toString(36);
const TT = '/tmf-api/troubleTicket/v4';

// An operator's CRM connects through TMF621: its tickets become a work order and a complaint people
// see in Patron, and the admin watches its event listener.
describe('a TMF client files trouble tickets; staff see the work order and the complaint; the admin sees the listener', () => {
  const journey = useJourney();
  const { step } = journey;
  let token = '';
  let orderNo = '';
  let complaintNo = '';
  // A public address (TEST-NET-3): callbacks into this machine or a private network are refused.
  const callback = `http://203.0.113.10/e2e-listener-${suffix}`;

  step('the admin creates an integration token for city DEMO-01', async () => {
    const { page } = journey.session;
    await loginAs(page, 'admin', adminPassword);
    const response = await page.request.post('/api/v1/api-tokens', {
      data: { name: `e2e-crm-${suffix}`, role: 'integration', orgUnitCode: 'DEMO-01', expiresInDays: 1 },
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(response.status(), await response.text()).toBe(201);
    token = ((await response.json()) as { token: string }).token;
  });

  step('the client registers a listener and files a ticket for one of its customers', async () => {
    const { page } = journey.session;
    const headers = { authorization: `Bearer ${token}` };
    const loopback = await page.request.post(`${TT}/hub`, { data: { callback: 'http://127.0.0.1:3000/api/v1/auth/login' }, headers });
    expect(loopback.status()).toBe(400);
    expect(((await loopback.json()) as { message: string }).message).toContain('body.callback');
    const hub = await page.request.post(`${TT}/hub`, { data: { callback }, headers });
    expect(hub.status(), await hub.text()).toBe(201);
    const customers = await page.request.get('/tmf-api/customerManagement/v4/customer?limit=1&offset=500&fields=name', { headers });
    expect(customers.headers()['x-result-count']).toBe('1');
    const [customer] = (await customers.json()) as { id: string }[];
    const created = await page.request.post(`${TT}/troubleTicket`, {
      data: {
        name: `TMF 端到端 ${suffix}`,
        description: '专线中断，客户 CRM 报障',
        severity: 'Major',
        ticketType: 'workOrder',
        relatedParty: [{ id: customer!.id, role: 'customer', '@referredType': 'Customer' }],
      },
      headers,
    });
    expect(created.status(), await created.text()).toBe(201);
    orderNo = ((await created.json()) as { id: string }).id;
    const complaint = await page.request.post(`${TT}/troubleTicket`, {
      data: {
        name: 'billing',
        description: `CRM 转来的账单投诉 ${suffix}`,
        severity: 'minor',
        ticketType: 'complaint',
        relatedParty: [{ id: customer!.id, role: 'customer', '@referredType': 'Customer' }],
        relatedEntity: [{ id: `BILL-${suffix}`, role: 'disputedBill', '@referredType': 'CustomerBill' }],
      },
      headers,
    });
    expect(complaint.status(), await complaint.text()).toBe(201);
    complaintNo = ((await complaint.json()) as { id: string }).id;
    expect(complaintNo).toMatch(/^CP\d{12}$/);
  });

  step('the admin sees the listener on the TMF listeners page', async () => {
    const { page } = journey.session;
    await openNav(page, 'tmfHubs');
    await page.getByTestId('tmf-hubs-page').waitFor();
    await expect.poll(() => page.getByTestId('tmf-hubs-table').getByText(callback).count()).toBe(1);
    await logout(page);
  });

  step('the city manager finds the ticket among the work orders and opens it', async () => {
    const { page } = journey.session;
    await loginAs(page, 'city_manager', demoPassword);
    await page.goto(`/work-orders?q=${orderNo}`);
    await page.getByText(orderNo).first().click();
    await page.getByText(`TMF 端到端 ${suffix}`).first().waitFor();
  });

  step('the city manager finds the TMF complaint among the complaints, as any other', async () => {
    const { page } = journey.session;
    const found = await apiGet<{ items: { id: number; complaintNo: string }[] }>(page, `/complaints?q=${complaintNo}`);
    expect(found.items.map((item) => item.complaintNo)).toEqual([complaintNo]);
    await page.goto(`/complaints/${found.items[0]!.id}`);
    await page.getByText(`CRM 转来的账单投诉 ${suffix}`).first().waitFor();
    await expect.poll(() => page.getByTestId('complaint-level').getAttribute('data-level')).toBe('1');
  });
});
