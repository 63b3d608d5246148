import { describe, expect, it } from 'vitest';
import { appointmentSlots } from './appointment-slots';
import { chinaMainlandCalendar } from './china-mainland.calendar';

const cal = chinaMainlandCalendar();
const local = (slots: readonly { start: Date; end: Date }[]) =>
  slots.map((slot) => `${new Date(slot.start.getTime() + 8 * 3600_000).toISOString().slice(0, 16)}/${new Date(slot.end.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`);

describe('appointment slots from the business calendar', () => {
  it('cuts office hours into two-hour windows; the short remainder is not offered', () => {
    const { slots, calendarComplete } = appointmentSlots(cal, new Date('2026-11-24T00:00:00+08:00'), new Date('2026-11-25T00:00:00+08:00'), new Date('2026-11-01T00:00:00Z'));
    expect(local(slots)).toEqual(['2026-11-24T08:30/10:30', '2026-11-24T10:30/12:30', '2026-11-24T12:30/14:30', '2026-11-24T14:30/16:30']);
    expect(calendarComplete).toBe(true);
  });

  it('skips weekends and holidays and offers make-up workdays', () => {
    // 2026-10-01..07 is the National Day holiday; Saturday 2026-10-10 is a make-up workday, Sunday 10-11 is not.
    const week = appointmentSlots(cal, new Date('2026-10-01T00:00:00+08:00'), new Date('2026-10-12T00:00:00+08:00'), new Date('2026-01-01T00:00:00Z'));
    const days = [...new Set(local(week.slots).map((slot) => slot.slice(0, 10)))];
    expect(days).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('offers nothing that starts before now or ends after the span', () => {
    const { slots } = appointmentSlots(cal, new Date('2026-11-24T00:00:00+08:00'), new Date('2026-11-24T15:00:00+08:00'), new Date('2026-11-24T10:00:00+08:00'));
    expect(local(slots)).toEqual(['2026-11-24T10:30/12:30', '2026-11-24T12:30/14:30']);
  });

  it('says when a year has no published holiday schedule', () => {
    expect(appointmentSlots(cal, new Date('2031-03-03T00:00:00+08:00'), new Date('2031-03-04T00:00:00+08:00'), new Date(0)).calendarComplete).toBe(false);
  });
});
