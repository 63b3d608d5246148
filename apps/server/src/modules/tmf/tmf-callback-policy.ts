import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where hub callbacks may point (SSRF guard, docs/tmf.md). By default any public address and no
 * private, loopback, link-local, carrier-grade NAT, multicast or reserved one: a listener URL must not
 * make Patron call into its own network. Operators allow internal listeners by host name or network
 * in PATRON_TMF_CALLBACK_ALLOW (`crm.corp.example,.partners.example,10.20.0.0/16,127.0.0.1`).
 */
export interface CallbackPolicy {
  /** Host names allowed whatever they resolve to; an entry starting with a dot allows its subdomains. */
  readonly hosts: readonly string[];
  /** Addresses and networks allowed although private. */
  readonly networks: BlockList;
}

const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
// IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are checked against the IPv4 rules by BlockList itself.
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Parses the allow-list; a malformed entry is a configuration error, found when the server starts. */
export function parseCallbackPolicy(text: string): CallbackPolicy {
  const hosts: string[] = [];
  const networks = new BlockList();
  for (const entry of text.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    const [address, prefix, extra] = entry.split('/');
    if (isIP(address!) !== 0) {
      const bits = prefix === undefined ? (isIP(address!) === 6 ? 128 : 32) : Number(prefix);
      const max = isIP(address!) === 6 ? 128 : 32;
      if (extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > max) throw new Error(`PATRON_TMF_CALLBACK_ALLOW: bad network "${entry}"`);
      networks.addSubnet(address!, bits, familyOf(address!));
    } else if (/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) {
      hosts.push(entry);
    } else {
      throw new Error(`PATRON_TMF_CALLBACK_ALLOW: "${entry}" is neither a host name nor an address or network`);
    }
  }
  return { hosts, networks };
}

/** `[::1]` → `::1`: URL keeps the brackets of an IPv6 literal. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

function hostAllowed(policy: CallbackPolicy, host: string): boolean {
  return policy.hosts.some((allowed) => (allowed.startsWith('.') ? host.endsWith(allowed) : host === allowed));
}

/** Why Patron will not call this address, or null when it may. */
export function addressRefusal(policy: CallbackPolicy, address: string): string | null {
  const family = familyOf(address);
  if (policy.networks.check(address, family) || !FORBIDDEN.check(address, family)) return null;
  return `${address} is a private, loopback, link-local or reserved address; allow it in PATRON_TMF_CALLBACK_ALLOW if the listener is meant to be there`;
}

export type Resolver = (host: string) => Promise<string[]>;

const resolveAll: Resolver = (host) =>
  new Promise((resolve, reject) => lookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((entry) => entry.address)))));

/**
 * Checks a callback at registration: an allowed host name passes; otherwise every address the host
 * resolves to now must be allowed. Delivery checks again on the address it connects to (see
 * guardedLookup), since a name can resolve elsewhere later (DNS rebinding).
 */
export async function callbackRefusal(policy: CallbackPolicy, url: URL, resolve: Resolver = resolveAll): Promise<string | null> {
  const host = hostOf(url);
  if (hostAllowed(policy, host)) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) !== 0 ? [host] : await resolve(host);
  } catch {
    return `${host} does not resolve`;
  }
  for (const address of addresses) {
    const refusal = addressRefusal(policy, address);
    if (refusal !== null) return refusal;
  }
  return null;
}

/**
 * A DNS lookup for outgoing event deliveries that fails when the name resolves to a refused address,
 * so the connection is made only to an address that was checked (no window between check and use).
 */
export function guardedLookup(policy: CallbackPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const allowed = hostAllowed(policy, hostname.toLowerCase()) ? addresses : addresses.filter((entry) => addressRefusal(policy, entry.address) === null);
      if (allowed.length === 0) {
        const refusal = addresses[0] === undefined ? `${hostname} does not resolve` : addressRefusal(policy, addresses[0].address);
        return callback(Object.assign(new Error(`refused: ${refusal}`), { code: 'ECALLBACKREFUSED' }), '', 4);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: typeof allowed) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** Node connects to an address literal without a lookup, so delivery checks literals itself. */
export function literalRefusal(policy: CallbackPolicy, url: URL): string | null {
  const host = hostOf(url);
  return isIP(host) === 0 || hostAllowed(policy, host) ? null : addressRefusal(policy, host);
}
