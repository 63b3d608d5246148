import { z } from 'zod';
import { CustomerNo } from './customers';

export const SurveyInvitationCreate = z.object({
  customerNo: CustomerNo,
  questionnaire: z.enum(['am_approval', 'ka_satisfaction']),
  /** outbound_call: an agent reads the call script and records the answers; mobile_link: a one-time link. */
  channel: z.enum(['outbound_call', 'mobile_link']),
});

export const SurveyInvitationCreated = z.object({
  id: z.number().int(),
  /** mobile_link only, shown once: the customer's page is /survey/{token}. */
  token: z.string().nullable(),
  questionnaire: z.string(),
  version: z.number().int(),
});

export const SurveyAnswerBody = z.object({ answers: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.number()) });

export const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

const Localized = z.object({ zh: z.string(), en: z.string() });
export const PublicQuestionnaire = z.object({
  code: z.string(),
  version: z.number().int(),
  title: Localized,
  questions: z.array(z.object({ code: z.string(), text: Localized, scale: z.object({ min: z.number().int(), max: z.number().int() }) })),
});

export const SurveyScoreSchema = z.object({ index: z.number(), dimensions: z.record(z.string(), z.number()), approves: z.boolean().nullable() });

export const SurveyMeasuresSchema = z.object({
  month: z.string(),
  approval: z.array(z.object({ accountManager: z.string().nullable(), customerClass: z.string(), surveyed: z.number().int(), approving: z.number().int(), rate: z.number().nullable() })),
  satisfaction: z.array(z.object({ accountManager: z.string().nullable(), answers: z.number().int(), index: z.number(), dimensions: z.record(z.string(), z.number()) })),
});
