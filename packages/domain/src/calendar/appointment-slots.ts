import { DAY_MS, MINUTE_MS } from './business-hours';
import type { BusinessCalendar } from './business-calendar';
import { partsFromDayNumber } from './business-date';

/** A site visit is booked in windows of this length within business hours (上门预约时段). */
export const APPOINTMENT_SLOT_MINUTES = 120;
/** The longest span one availability search covers. */
export const MAX_SLOT_SEARCH_DAYS = 31;

export interface AppointmentSlot {
  readonly start: Date;
  readonly end: Date;
}

export interface AppointmentSlotSearch {
  readonly slots: readonly AppointmentSlot[];
  /** False when a day of the span lies in a year without a published holiday schedule. */
  readonly calendarComplete: boolean;
}

/**
 * The appointment windows offered in [from, to): each working interval of each business day (holidays
 * off, make-up workdays on, the calendar's own hours) cut from its start into whole slots; a remainder
 * shorter than a slot is not offered, and nothing before `notBefore` (a visit is not booked in the past).
 */
export function appointmentSlots(
  cal: BusinessCalendar,
  from: Date,
  to: Date,
  notBefore: Date,
  slotMinutes: number = APPOINTMENT_SLOT_MINUTES,
): AppointmentSlotSearch {
  const offset = cal.offsetMinutes * MINUTE_MS;
  const begin = Math.max(from.getTime(), notBefore.getTime());
  const slots: AppointmentSlot[] = [];
  let calendarComplete = true;
  const firstDay = Math.floor((begin + offset) / DAY_MS);
  const lastDay = Math.floor((to.getTime() - 1 + offset) / DAY_MS);
  for (let day = firstDay; day <= lastDay; day += 1) {
    if (!cal.index.year(partsFromDayNumber(day).year).published) calendarComplete = false;
    const hours = cal.index.hoursOn(day);
    const midnight = day * DAY_MS - offset;
    for (let i = 0; i + 1 < hours.length; i += 2) {
      const intervalEnd = midnight + hours[i + 1]! * MINUTE_MS;
      for (let start = midnight + hours[i]! * MINUTE_MS; start + slotMinutes * MINUTE_MS <= intervalEnd; start += slotMinutes * MINUTE_MS) {
        const end = start + slotMinutes * MINUTE_MS;
        if (start >= begin && end <= to.getTime()) slots.push({ start: new Date(start), end: new Date(end) });
      }
    }
  }
  return { slots, calendarComplete };
}
