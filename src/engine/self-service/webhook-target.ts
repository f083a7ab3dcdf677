import ipaddr from 'ipaddr.js';
import { DomainError } from '../../platform/errors/domain-error';

/**
 * Where webhooks may go. A subscription names a URL the service will POST to from inside the
 * operator's network, so only public unicast addresses are allowed: otherwise a client could make
 * the service reach cloud metadata, databases or admin ports behind the firewall. Loopback is
 * allowed in AUTH_MODE=dev only, so a developer can receive webhooks on their own machine.
 *
 * The same rules are applied twice: to the URL at subscription (literal addresses and names that
 * are local by definition) and to every address a name resolves to, just before connecting.
 */

const REFUSED_RANGES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'an IPv4-embedded (NAT64) IPv6 address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
};
const RESERVED = 'a reserved or special-purpose address';
/** Global unicast IPv6 is 2000::/3; the rest is unassigned or special (IPv4-compatible ::a.b.c.d among it). */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** Names that resolve locally by definition (RFC 6761, 6762, 8375) or by common practice. */
const LOCAL_SUFFIXES = ['.local', '.internal', '.home.arpa', '.localdomain'];
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why an IP address may not receive webhooks, or null when it may. */
export function addressRefusal(address: string, allowLoopback: boolean): string | null {
  if (!ipaddr.isValid(address)) return 'must resolve to an IP address';
  const ip = ipaddr.parse(address);
  const range = ip.range();
  if (range === 'loopback' && allowLoopback) return null;
  if (range !== 'unicast') return `must not point at ${REFUSED_RANGES[range] ?? RESERVED}`;
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) return `must not point at ${RESERVED}`;
  return null;
}

/** Why the host of a URL may not receive webhooks, before any name is resolved; null when it may. */
export function hostRefusal(hostname: string, allowLoopback: boolean): string | null {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (ipaddr.isValid(literal)) return addressRefusal(literal, allowLoopback);
  if (host === 'localhost' || host.endsWith('.localhost')) return allowLoopback ? null : 'must not point at a loopback address';
  if (!host.includes('.') || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return 'must name a public host, not a local or internal name';
  return null;
}

/**
 * The normalised target URL, or a 400 naming `url` and the reason. The URL parser has already
 * turned `0x7f000001`, `2130706433` and `127.1` into `127.0.0.1`, so every spelling of an
 * address meets the same check.
 */
export function checkTarget(raw: string, allowLoopback: boolean): string {
  const bad = (reason: string) =>
    new DomainError('VALIDATION_FAILED', `Invalid webhook URL: ${reason}`, { fields: [{ field: 'url', reason }] });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('must be an absolute URL');
  }
  if (url.username || url.password) throw bad('must not carry credentials');
  if (url.hash) throw bad('must not have a fragment');
  const plainLocal = url.protocol === 'http:' && allowLoopback && LOOPBACK_NAMES.has(url.hostname);
  if (url.protocol !== 'https:' && !plainLocal)
    throw bad(allowLoopback ? 'must be https (or http://127.0.0.1 in development)' : 'must be https');
  const refusal = hostRefusal(url.hostname, allowLoopback);
  if (refusal) throw bad(refusal);
  return url.toString();
}
