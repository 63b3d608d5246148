import { createHash, randomBytes } from 'node:crypto';

export type TokenPrefix = 'pss' | 'pat';

/** 'pss_' session tokens and 'pat_' API tokens: 32 random bytes; only their SHA-256 is stored. */
export function newToken(prefix: TokenPrefix): { token: string; tokenHash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
