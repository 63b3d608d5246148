import { describe, expect, it } from 'vitest';
import { buildApiUrl } from './http-client';

describe('buildApiUrl', () => {
  it('prefixes the API base and drops empty filters', () => {
    expect(buildApiUrl('/customers', { q: '', grade: undefined, page: 2, pageSize: 20, active: false })).toBe('/api/v1/customers?page=2&pageSize=20&active=false');
  });

  it('encodes Chinese search text', () => {
    expect(buildApiUrl('/users', { q: '张三' })).toBe('/api/v1/users?q=%E5%BC%A0%E4%B8%89');
  });

  it('omits the question mark without parameters', () => {
    expect(buildApiUrl('/roles')).toBe('/api/v1/roles');
  });
});
