import { z } from 'zod';
import { PageQuery } from './common';

export const GradeSchema = z.enum(['diamond', 'gold', 'silver', 'guest', 'none']);

export const CustomerListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  grade: GradeSchema.optional(),
});

export const CustomerSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  kind: z.enum(['individual', 'group']),
  name: z.string(),
  grade: GradeSchema,
  star: z.number().int().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  accountManager: z.string().nullable(),
  accountManagerName: z.string().nullable(),
  activatedOn: z.string().nullable(),
});

export const DashboardSummary = z.object({
  total: z.number().int(),
  byGrade: z.record(GradeSchema, z.number().int()),
  byOrgUnit: z.array(
    z.object({ orgUnit: z.string(), orgUnitName: z.string(), total: z.number(), vip: z.number(), guest: z.number() }),
  ),
});
