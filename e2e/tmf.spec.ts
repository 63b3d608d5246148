import { describe, expect } from 'vitest';
import { adminPassword, demoPassword, loginAs, logout, openNav } from './support/app';
import { useJourney } from './support/journey';

const suffix = Date.now().toString(36);
const TT = '/tmf-api/troubleTicket/v4';

// An operator's CRM connects through TMF621: its ticket becomes a work order people see in Patron,
// and the admin watches its event listener.
describe('a TMF client files a trouble ticket; staff see the work order; the admin sees the listener', () => {
  const journey = useJourney();
  const { step } = journey;
  let token = '';
  let orderNo = '';
  const callback = `http://127.0.0.1:9/e2e-listener-${suffix}`;

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
});
