import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseBusinessDate } from '../calendar/business-date';
import { businessDateOf } from '../calendar/business-hours';

const ASCII_WORD = /^[\x20-\x7e]+$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The hot keywords a complaint's words contain (media, regulator, lawyer…). Latin keywords match as
 * whole words ignoring case ("press" is not "pressure"); Chinese ones as substrings.
 */
export function hotKeywordsIn(text: string, keywords: readonly string[]): string[] {
  return keywords.filter((keyword) => {
    const word = keyword.trim();
    if (word === '') return false;
    if (ASCII_WORD.test(word)) return new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(word)}($|[^A-Za-z0-9])`, 'i').test(text);
    return text.includes(word);
  });
}

/**
 * A complaint is a repeat when the same customer complained in the same category within
 * `windowDays` business dates before it (day 30 counts, day 31 does not).
 */
export function isRepeatComplaint(cal: BusinessCalendar, receivedAt: Date, earlierReceivedAt: readonly Date[], windowDays: number): boolean {
  const today = parseBusinessDate(businessDateOf(cal, receivedAt));
  return earlierReceivedAt.some((earlier) => {
    if (earlier.getTime() > receivedAt.getTime()) return false;
    return today - parseBusinessDate(businessDateOf(cal, earlier)) <= windowDays;
  });
}
