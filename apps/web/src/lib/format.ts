import dayjs from 'dayjs';

/** A yuan amount as the API takes it: up to 12 whole digits and at most 2 decimals, never negative. */
export const YUAN_AMOUNT = /^\d{1,12}(?:\.\d{1,2})?$/;

// Times come as ISO instants and are shown in the browser's zone, which for our users is Beijing time.
export function formatDateTime(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value;
}

export function formatDate(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : value;
}
