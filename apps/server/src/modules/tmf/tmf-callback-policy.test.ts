import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressRefusal, callbackRefusal, parseCallbackPolicy, type Resolver } from './tmf-callback-policy';
import { eventPoster } from './tmf-delivery.service';

const none = parseCallbackPolicy('');
const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;

describe('hub callback policy (SSRF)', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.20.0.1', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['fd12::1', false],
    ['fe80::1', false],
    ['::ffff:10.0.0.1', false],
    ['8.8.8.8', true],
    ['203.0.113.7', true],
    ['2001:db8::1', true],
  ])('by default %s is allowed: %s', (address, allowed) => {
    expect(addressRefusal(none, address) === null).toBe(allowed);
  });

  it('allows what the operator lists: addresses, networks, host names and subdomains', async () => {
    const policy = parseCallbackPolicy('127.0.0.1, 10.20.0.0/16, crm.corp.example, .partners.example');
    expect(addressRefusal(policy, '127.0.0.1')).toBeNull();
    expect(addressRefusal(policy, '127.0.0.2')).not.toBeNull();
    expect(addressRefusal(policy, '10.20.9.9')).toBeNull();
    expect(addressRefusal(policy, '10.21.0.1')).not.toBeNull();
    expect(await callbackRefusal(policy, new URL('https://crm.corp.example/listener'), resolvesTo('10.99.0.1'))).toBeNull();
    expect(await callbackRefusal(policy, new URL('https://a.partners.example/l'), resolvesTo('192.168.0.1'))).toBeNull();
    expect(await callbackRefusal(policy, new URL('https://evil.example/l'), resolvesTo('192.168.0.1'))).toContain('192.168.0.1');
  });

  it('refuses a name when any of its addresses is private, and a name that does not resolve', async () => {
    expect(await callbackRefusal(none, new URL('https://listener.example/l'), resolvesTo('203.0.113.7'))).toBeNull();
    expect(await callbackRefusal(none, new URL('https://listener.example/l'), resolvesTo('203.0.113.7', '127.0.0.1'))).toContain('127.0.0.1');
    expect(await callbackRefusal(none, new URL('http://[::1]:8080/l'))).toContain('::1');
    const failing: Resolver = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await callbackRefusal(none, new URL('https://nowhere.invalid/l'), failing)).toContain('does not resolve');
  });

  it('rejects malformed entries when the server starts', () => {
    expect(() => parseCallbackPolicy('10.0.0.0/33')).toThrow(/bad network/);
    expect(() => parseCallbackPolicy('http://x')).toThrow(/neither/);
  });

  it('checks the address it connects to at delivery, so a name turned private (DNS rebinding) is refused', async () => {
    let hits = 0;
    const server = createServer((_request, response) => {
      hits += 1;
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // `localhost` passed no registration check here, but resolves to loopback when the event goes out.
      expect(await eventPoster(none)(`http://localhost:${port}/l`, {})).toMatch(/refused: .*(127\.0\.0\.1|::1)/);
      expect(await eventPoster(none)(`http://127.0.0.1:${port}/l`, {})).toMatch(/^refused: 127\.0\.0\.1/);
      expect(hits).toBe(0);
      expect(await eventPoster(parseCallbackPolicy('127.0.0.1'))(`http://127.0.0.1:${port}/l`, {})).toBeNull();
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
