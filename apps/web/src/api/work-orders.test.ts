import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  CalendarMonthReply as CalendarMonthSchema,
  CompensationSchema,
  IcsImportReply as IcsImportSchema,
  PublicWorkOrderStatus as PublicStatusSchema,
  SlaCompareReply as SlaCompareSchema,
  WorkOrderBoard as WorkOrderBoardSchema,
  WorkOrderDetail as WorkOrderDetailSchema,
  WorkOrderSummary as WorkOrderSummarySchema,
} from '@patron/contracts';
import { PROVISIONING_SERVICES, PROVISIONING_TIERS, SLA_STATES, WORK_ORDER_STATES } from '@patron/domain';
import { slaServices, slaStates, slaTiers, workOrderStatuses } from './work-orders';
import type {
  CalendarMonth,
  Compensation,
  IcsImportReply,
  PublicWorkOrderStatus,
  SlaCompareReply,
  WorkOrderBoard,
  WorkOrderDetail,
  WorkOrderSummary,
} from './work-orders';

describe('work-order code lists match the domain', () => {
  it('statuses', () => expect([...workOrderStatuses]).toEqual([...WORK_ORDER_STATES]));
  it('SLA states', () => expect([...slaStates]).toEqual([...SLA_STATES]));
  it('tiers and services', () => {
    expect([...slaTiers]).toEqual([...PROVISIONING_TIERS]);
    expect([...slaServices]).toEqual([...PROVISIONING_SERVICES]);
  });
});

type Unknown<Web, Contract> = Exclude<keyof Web, keyof Contract>;

describe('work-order wire types only read fields the contracts define', () => {
  it('holds at the type level', () => {
    expectTypeOf<Unknown<WorkOrderSummary, z.infer<typeof WorkOrderSummarySchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<WorkOrderDetail, z.infer<typeof WorkOrderDetailSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<WorkOrderBoard, z.infer<typeof WorkOrderBoardSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<Compensation, z.infer<typeof CompensationSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<PublicWorkOrderStatus, z.infer<typeof PublicStatusSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<SlaCompareReply, z.infer<typeof SlaCompareSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<CalendarMonth, z.infer<typeof CalendarMonthSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<IcsImportReply, z.infer<typeof IcsImportSchema>>>().toEqualTypeOf<never>();
  });
});
