import { beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, scoreSurvey } from '@patron/domain';
import { DEMO_DEFAULT_SEED } from './demo-catalog';
import { buildDemoPlan, DEMO_REVISIT_DESK, type DemoPlan } from './demo-plan';
import { planServiceQuality, type DemoServiceQuality } from './demo-service-quality';

const DAY_MS = 86_400_000;
/** Node 20 has no Map.groupBy yet. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const shanghaiDay = (iso: string) => Math.floor((Date.parse(iso) + 8 * 3_600_000) / DAY_MS);

describe('the demo year of complaints, revisits and surveys', () => {
  let plan: DemoPlan;
  let quality: DemoServiceQuality;
  beforeAll(() => {
    plan = buildDemoPlan(DEMO_DEFAULT_SEED);
    quality = plan.serviceQuality;
  }, 60_000);

  it('has the figures the README gives for the default seed', () => {
    const approvingShare = (customerClass: 'vip' | 'guest') => {
      const asked = quality.surveys.filter((s) => s.questionnaire.kind === 'approval' && s.customerClass === customerClass);
      return `${((asked.filter((s) => s.approves).length * 100) / asked.length).toFixed(1)}%`;
    };
    const count = (test: (c: DemoServiceQuality['complaints'][number]) => boolean) => quality.complaints.filter(test).length;
    expect({
      complaints: quality.complaints.length,
      hot: count((c) => c.hot),
      repeat: count((c) => c.repeat),
      escalated: count((c) => c.escalatedOnce),
      reopened: count((c) => c.reopenCount > 0),
      revisits: quality.revisits.length,
      unsatisfied: quality.revisits.filter((r) => r.outcome === 'unsatisfied').length,
      unreachable: quality.revisits.filter((r) => r.status === 'unreachable').length,
      surveys: quality.surveys.length,
      approval: quality.surveys.filter((s) => s.questionnaire.kind === 'approval').length,
      vipApproving: approvingShare('vip'),
      guestApproving: approvingShare('guest'),
    }).toEqual({ complaints: 1039, hot: 42, repeat: 74, escalated: 145, reopened: 71, revisits: 1110, unsatisfied: 71, unreachable: 55, surveys: 4680, approval: 3960, vipApproving: '95.4%', guestApproving: '69.7%' });
  });

  it('is the same year for the same seed and a different one for another', () => {
    const again = planServiceQuality(DEMO_DEFAULT_SEED, plan.customers, DEMO_REVISIT_DESK);
    expect(JSON.stringify(again)).toBe(JSON.stringify(quality));
    const other = planServiceQuality(DEMO_DEFAULT_SEED + 1, plan.customers, DEMO_REVISIT_DESK);
    expect(other.complaints.slice(0, 10).map((c) => c.customerNo)).not.toEqual(quality.complaints.slice(0, 10).map((c) => c.customerNo));
  });

  it('uses every channel and category, and flags repeats as the service does (30 days yes, 31 no)', () => {
    expect(new Set(quality.complaints.map((c) => c.channel))).toEqual(new Set(COMPLAINT_CHANNELS));
    expect(new Set(quality.complaints.map((c) => c.category))).toEqual(new Set(COMPLAINT_CATEGORIES));
    const last = new Map<string, number>();
    for (const complaint of quality.complaints) {
      const key = `${complaint.customerNo}|${complaint.category}`;
      const day = shanghaiDay(complaint.receivedAt);
      const previous = last.get(key);
      expect(complaint.repeat, complaint.complaintNo).toBe(previous !== undefined && day - previous <= 30);
      last.set(key, day);
    }
  });

  it('tells each complaint’s story consistently: levels, escalations, first contact, closing', () => {
    const eventsOf = groupBy(quality.complaintEvents, (e) => e.complaintNo);
    const revisitsOf = groupBy(quality.revisits, (r) => r.complaintNo);
    for (const complaint of quality.complaints) {
      const events = eventsOf.get(complaint.complaintNo)!;
      expect(events[0]!.toStatus).toBe('received');
      expect(events.at(-1)!.toStatus).toBe('closed');
      const escalations = events.filter((e) => e.toStatus === 'escalated');
      expect(complaint.escalatedOnce).toBe(escalations.length > 0);
      expect(complaint.level).toBe((complaint.hot ? 2 : 1) + escalations.length);
      expect(escalations.every((e) => e.automatic === !e.onTime)).toBe(true);
      expect(complaint.firstContactResolved).toBe(complaint.level === 1 && !complaint.escalatedOnce && complaint.reopenCount === 0);
      expect(revisitsOf.get(complaint.complaintNo)!.length).toBe(complaint.reopenCount + 1);
      expect(complaint.customerConfirmed === true || complaint.noConfirmationReason !== null).toBe(true);
      expect(Date.parse(complaint.closedAt)).toBeLessThan(Date.parse('2026-11-01T00:00:00+08:00'));
      expect(Date.parse(complaint.closedAt)).toBeLessThanOrEqual(Date.parse(complaint.finalDeadline) + 7 * DAY_MS);
    }
  });

  it('scores every survey answer with its questionnaire and leaves nothing pending', () => {
    for (const survey of quality.surveys.slice(0, 200)) {
      expect(scoreSurvey(survey.questionnaire, survey.answers)).toEqual({ dimensions: survey.dimensions, index: survey.index, approves: survey.approves });
    }
    expect(quality.revisits.every((r) => r.status !== ('pending' as string))).toBe(true);
    expect(quality.surveys.every((s) => (s.channel === 'mobile_link') === (s.tokenHash !== null))).toBe(true);
  });
});
