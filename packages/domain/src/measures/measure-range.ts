/** China keeps UTC+8 all year (no daylight saving): the business month of an instant. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function monthOf(year: number, zeroBasedMonth: number): string {
  const y = year + Math.floor(zeroBasedMonth / 12);
  const m = ((zeroBasedMonth % 12) + 12) % 12;
  return `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The `count` business months (YYYY-MM, Asia/Shanghai) ending with the month of `now`. */
export function trailingMonths(now: Date, count: number): { from: string; to: string } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return { from: monthOf(year, month - count + 1), to: monthOf(year, month) };
}
