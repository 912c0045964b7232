import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** What a callback URL may be: production requires https and refuses every non-public address. */
export interface CallbackRules {
  requireHttps: boolean;
  allowPrivateAddresses: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** A callback the platform refuses to call; retrying cannot fix it (the outbox parks the event at once). */
export class CallbackRefused extends Error {
  readonly code = 'CALLBACK_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'CallbackRefused';
  }
}

/**
 * Addresses a server-side request must never reach from production (SSRF): the host itself,
 * private networks, link-local (the cloud metadata service 169.254.169.254 is one), carrier NAT,
 * multicast and reserved ranges, IPv6 loopback, ULA (fd00:ec2::254 is a metadata address),
 * link-local and the IPv4-embedding prefixes whose real target is an IPv4 address checked as such.
 */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/** The IPv4 address an IPv6 address stands for (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(v6: string): string | null {
  const lower = v6.toLowerCase();
  const m = /^(?:::ffff:|64:ff9b::)(.+)$/.exec(lower);
  if (!m) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(m[1]);
  if (!hex) return null;
  const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Whether an IP address (v4 or v6 text) lies outside the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4) return NON_PUBLIC.check(v4, 'ipv4');
  return NON_PUBLIC.check(address, 'ipv6');
}

/** The URL as the platform will call it, or why not (message for BAD_USER_INPUT on callbackUrl). */
export function parseCallbackUrl(raw: string, rules: CallbackRules): URL {
  const text = (raw ?? '').trim();
  if (!text) throw new CallbackRefused('is required');
  if (text.length > 500) throw new CallbackRefused('must be at most 500 characters');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CallbackRefused('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CallbackRefused('must be an http(s) URL');
  if (rules.requireHttps && url.protocol !== 'https:') throw new CallbackRefused('must use https');
  if (url.username || url.password) throw new CallbackRefused('must not carry credentials');
  if (url.hash) throw new CallbackRefused('must not have a fragment');
  return url;
}

/**
 * The addresses the platform may connect to for `url`: every address the host resolves to must be
 * public (one private answer among public ones refuses it: the connection could use either). Called
 * when a partner subscribes and again before every delivery, since DNS answers change.
 */
export async function resolveCallback(
  url: URL,
  rules: CallbackRules,
  resolve: Resolver = systemResolver,
): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // Not found is the partner's to fix; a resolver outage is transient (retried by the outbox).
      if (code === 'ENOTFOUND' || code === 'ENODATA') throw new CallbackRefused(`host ${host} does not resolve`);
      throw err;
    }
    if (addresses.length === 0) throw new CallbackRefused(`host ${host} does not resolve`);
  }
  if (!rules.allowPrivateAddresses) {
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) throw new CallbackRefused(`host ${host} is not a public address (${bad.address})`);
  }
  return addresses;
}
