import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { MEASURE_DIMENSIONS, type ComplaintRollupRow as ComplaintRow, type RevisitRollupRow as RevisitRow, type SurveyResponseSchema, type SurveyRollupRow as SurveyRow } from '@patron/contracts';
import { KA_SATISFACTION_QUESTIONNAIRE } from '@patron/domain';
import { measureDimensions, satisfactionDimensions, type ComplaintRollupRow, type RevisitRollupRow, type SurveyResponse, type SurveyRollupRow } from './measures';

// The web bundle ships neither the contracts nor the domain: its copies are kept in step here.
describe('measure code lists and wire types match the contracts', () => {
  it('dimensions', () => expect([...measureDimensions]).toEqual([...MEASURE_DIMENSIONS]));
  it('satisfaction dimensions, in questionnaire order', () =>
    expect([...satisfactionDimensions]).toEqual(KA_SATISFACTION_QUESTIONNAIRE.dimensions.map((d) => d.code)));

  it('reads only fields the contracts define', () => {
    type Unknown<Web, Contract> = Exclude<keyof Web, keyof Contract>;
    expectTypeOf<Unknown<ComplaintRollupRow, z.infer<typeof ComplaintRow>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<RevisitRollupRow, z.infer<typeof RevisitRow>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<SurveyRollupRow, z.infer<typeof SurveyRow>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<SurveyResponse, z.infer<typeof SurveyResponseSchema>>>().toEqualTypeOf<never>();
  });
});
