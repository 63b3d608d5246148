import { DomainError } from './errors';

export const MONEY_ERROR_CODES = ['money.invalid_amount'] as const;
export type MoneyErrorCode = (typeof MONEY_ERROR_CODES)[number];

/** Integer fen (分): 1 yuan = 100 fen. Money never travels as a float. */
export type Fen = number;

// Digits only: signs, exponents, thousands separators and '.5' are rejected rather than guessed,
// because import files that carry them are usually mis-exported spreadsheets.
const YUAN_TEXT = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "12345.67" → 1234567. Non-negative, at most two decimals. */
export function parseYuanToFen(text: string, path = 'amount'): Fen {
  const match = YUAN_TEXT.exec(text);
  if (!match) {
    throw new DomainError<MoneyErrorCode>(
      'money.invalid_amount',
      `Expected a non-negative yuan amount with at most 2 decimals, got ${JSON.stringify(text)}`,
      { path },
    );
  }
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError<MoneyErrorCode>('money.invalid_amount', `Amount ${text} is too large`, { path });
  }
  return fen;
}

/** 1234567 → "12345.67"; negative amounts (refunds, corrections) keep their sign. */
export function formatFen(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function assertFen(fen: number, path = 'amount'): asserts fen is Fen {
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError<MoneyErrorCode>('money.invalid_amount', `Expected integer fen, got ${fen}`, { path });
  }
}

/**
 * `amount × ratio` for a ratio given in basis points (1% = 100 bp), rounded half up to whole fen.
 * BigInt because fee × bp × days can pass 2^53 for large circuits long overdue.
 */
export function applyBasisPoints(amount: Fen, basisPoints: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(basisPoints)) {
    throw new DomainError<MoneyErrorCode>('money.invalid_amount', `Expected integer basis points, got ${basisPoints}`);
  }
  return mulDivRoundHalfUp(amount, basisPoints, 10_000);
}

/** round_half_up(a × b / d) in exact integer arithmetic; halves round away from zero. */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(d);
  const negative = product < 0n !== divisor < 0n;
  const absProduct = product < 0n ? -product : product;
  const absDivisor = divisor < 0n ? -divisor : divisor;
  const rounded = (absProduct * 2n + absDivisor) / (absDivisor * 2n);
  return Number(negative ? -rounded : rounded);
}
