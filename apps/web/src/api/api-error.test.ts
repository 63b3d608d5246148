import { describe, expect, it } from 'vitest';
import { ApiError, fieldOfPath, parseErrorBody } from './api-error';

describe('parseErrorBody', () => {
  it('reads the documented error envelope', () => {
    const err = parseErrorBody(400, {
      error: { code: 'validation.failed', message: 'Invalid body', details: [{ path: 'password', message: 'Too short' }], requestId: 'r-1' },
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('validation.failed');
    expect(err.knownCode).toBe('validation.failed');
    expect(err.details).toEqual([{ path: 'password', message: 'Too short' }]);
    expect(err.requestId).toBe('r-1');
  });

  it.each([
    [401, 'auth.required'],
    [403, 'auth.forbidden'],
    [404, 'not_found'],
    [502, 'internal'],
    [418, 'unknown'],
  ])('falls back on the status %i when the body is not JSON', (status, code) => {
    const err = parseErrorBody(status, '<html>bad gateway</html>');
    expect(err.code).toBe(code);
    expect(err.message).toBe(`HTTP ${status}`);
  });

  it('keeps the Retry-After seconds of a lockout', () => {
    expect(parseErrorBody(429, { error: { code: 'auth.locked', message: 'x' } }, '840').retryAfterSeconds).toBe(840);
    expect(parseErrorBody(429, { error: { code: 'auth.locked', message: 'x' } }, 'Wed, 21 Oct 2026 07:28:00 GMT').retryAfterSeconds).toBeUndefined();
  });

  it('leaves unknown codes without a localized key', () => {
    expect(parseErrorBody(400, { error: { code: 'customer.duplicate', message: 'x' } }).knownCode).toBeUndefined();
  });

  it('accepts array paths and drops malformed details', () => {
    const err = parseErrorBody(400, { error: { code: 'validation.failed', message: 'x', details: [{ path: ['roles', 0], message: 'bad' }, 'junk', { path: 'a' }] } });
    expect(err.details).toEqual([{ path: 'roles.0', message: 'bad' }]);
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['username', 'username'],
    ['body.password', 'password'],
    ['body.roles.0', 'roles'],
    ['body', 'body'],
    ['roles.0', 'roles'],
    ['/roles/0', 'roles'],
    ['', ''],
  ])('%s → %s', (path, field) => expect(fieldOfPath(path)).toBe(field));
});
