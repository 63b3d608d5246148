import i18next, { type TFunction } from 'i18next';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { NotificationPage as NotificationPageSchema } from '@patron/contracts';
import { NOTIFICATION_CATEGORIES, NOTIFICATION_KINDS } from '@patron/domain';
import { notificationCategories, notificationKinds, type Notification, type NotificationPage } from '../../api/notifications';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { subjectPath, viewNotification } from './notification-view';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  return instance.t;
}

const targetLabels = { resolution: '处理时限' } as Record<string, string>;
const labels = { target: (code: string) => targetLabels[code] ?? code };

function notification(values: Partial<Notification>): Notification {
  return {
    id: 1,
    kind: 'sla.breached',
    title: '工单 WO202611230001 处理时限已超时',
    body: '时限 2026-11-23 18:00',
    params: {},
    entityType: 'work_order',
    entityId: '7',
    createdAt: '2026-11-23T10:00:01.000Z',
    readAt: null,
    ...values,
  };
}

describe('notification kinds and wire types', () => {
  it('the web knows every kind the server writes', () => expect([...notificationKinds]).toEqual([...NOTIFICATION_KINDS]));
  it('and every category it filters by', () => expect([...notificationCategories]).toEqual([...NOTIFICATION_CATEGORIES]));
  it('reads only fields the contract defines', () => {
    expectTypeOf<Exclude<keyof NotificationPage, keyof z.infer<typeof NotificationPageSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof Notification, keyof z.infer<typeof NotificationPageSchema>['items'][number]>>().toEqualTypeOf<never>();
  });
});

describe('viewNotification', () => {
  it('renders an SLA notice from its kind and params in either locale, with the deadline as the second line', async () => {
    const row = notification({ params: { orderNo: 'WO202611230001', target: 'resolution', deadline: '2026-11-23T10:00:00.000Z' } });
    const zh = viewNotification(row, await translator('zh-CN'), labels);
    expect(zh).toMatchObject({ text: '工单 WO202611230001 处理时限已超时', path: '/work-orders/7', category: 'sla', tone: 'danger' });
    expect(zh.detail).toMatch(/^时限 2026-11-23 \d\d:00:00$/);
    const english = viewNotification(row, await translator('en'), { target: () => 'Resolution' });
    expect(english.text).toBe('Work order WO202611230001 (Resolution): time limit passed');
    expect(english.detail).toMatch(/^Due 2026-11-23/);
  });

  it('tells a manual from an automatic complaint escalation and links to the complaint', async () => {
    const t = await translator('en');
    const manual = notification({ kind: 'complaint.escalated', params: { complaintNo: 'TS202611240001', level: 2, automatic: false }, entityType: 'complaint', entityId: '12', body: null });
    expect(viewNotification(manual, t, labels)).toMatchObject({ text: 'Complaint TS202611240001 escalated to level 2', detail: null, path: '/complaints/12', category: 'complaint', tone: 'warning' });
    const automatic = notification({ ...manual, params: { ...manual.params, automatic: true, level: 3 } });
    expect(viewNotification(automatic, t, labels).text).toBe('Complaint TS202611240001 escalated automatically to level 3 (time limit passed)');
  });

  it('keeps the customer’s words of an unsatisfied revisit as written', async () => {
    const row = notification({
      kind: 'revisit.unsatisfied',
      params: { revisitId: 3, item: 'TS202611240001', customerNo: 'C0001' },
      body: '装维人员没有上门',
      entityType: 'complaint',
      entityId: '12',
    });
    expect(viewNotification(row, await translator('zh-CN'), labels)).toMatchObject({
      text: '回访不满意：客户 C0001 的 TS202611240001 已重新打开',
      detail: '装维人员没有上门',
      path: '/complaints/12',
      category: 'revisit',
    });
  });

  it('falls back to the stored title for an unknown kind or missing params', async () => {
    const t = await translator('en');
    const unknown = notification({ kind: 'billing.due', title: '账单到期', body: null, entityType: null, entityId: null });
    expect(viewNotification(unknown, t, labels)).toMatchObject({ text: '账单到期', detail: null, path: null, category: 'other', tone: 'info' });
    const old = notification({ params: {} });
    expect(viewNotification(old, t, labels)).toMatchObject({ text: old.title, detail: old.body });
  });
});

describe('subjectPath', () => {
  it('maps each subject to its page and ignores what it does not know', () => {
    expect(subjectPath({ entityType: 'work_order', entityId: '5' })).toBe('/work-orders/5');
    expect(subjectPath({ entityType: 'complaint', entityId: '9' })).toBe('/complaints/9');
    expect(subjectPath({ entityType: 'revisit', entityId: '4' })).toBe('/revisits');
    expect(subjectPath({ entityType: 'invoice', entityId: '4' })).toBeNull();
    expect(subjectPath({ entityType: 'complaint', entityId: null })).toBeNull();
  });
});
