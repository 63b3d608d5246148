/** Ratios of the service measures (DOMAIN §5): one rounding rule for every dashboard and export. */

/** part ÷ whole as a fraction rounded to 4 decimals (0.9589 = 95.89%); null when the whole is 0. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Complaints per 10,000 lines (DOMAIN §5.9), one decimal; null without lines. */
export function perTenThousand(count: number, lines: number): number | null {
  return lines === 0 ? null : Math.round((count * 100_000) / lines) / 10;
}
