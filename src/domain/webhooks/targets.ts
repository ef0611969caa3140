/**
 * Where a webhook may be posted. The desk posts from inside the agency's network, so an
 * address there (the router's page, a database's HTTP port, the cloud's metadata service at
 * 169.254.169.254) must not be reachable by subscribing it: private, loopback, link-local,
 * unique-local, shared (CGNAT), multicast and reserved addresses are refused, written
 * directly, inside IPv6 (mapped, NAT64, 6to4), or behind a host name that resolves to one.
 * The name is resolved again at every delivery, and the post goes to the address checked
 * then (the notifier pins it), so a name that changes its answer later (DNS rebinding)
 * reaches nothing inside either. `WEBHOOK_ALLOW_PRIVATE=true` lifts the rule for an agency
 * whose receivers live on its own network (and for tests, whose receivers are on loopback).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { textProblem } from '../text.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (as `getaddrinfo` answers: /etc/hosts, then DNS). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

export interface TargetPolicy {
  allowPrivate: boolean;
  resolve: ResolveHost;
  /** How long a name may take to resolve. */
  timeoutMs?: number;
}

const RESOLVE_TIMEOUT_MS = 5_000;

/** [first bytes, prefix length in bits] */
type Range = [number[], number];

const IPV4_INTERNAL: Range[] = [
  [[0], 8], // "this network"
  [[10], 8], // private
  [[100, 64], 10], // shared address space (carrier-grade NAT)
  [[127], 8], // loopback
  [[169, 254], 16], // link-local, cloud metadata services
  [[172, 16], 12], // private
  [[192, 168], 16], // private
  [[224], 4], // multicast
  [[240], 4], // reserved, and the broadcast address
];

const IPV6_INTERNAL: Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only
  [[0xfc], 7], // unique-local
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated, still routed inside some networks)
  [[0xff], 8], // multicast
];

const inRange = (bytes: number[], [prefix, bits]: Range) => {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
};

const ipv4Bytes = (address: string) => address.split('.').map(Number);

/** The 16 bytes of an IPv6 address (`::` expanded, a dotted IPv4 tail read, a zone dropped). */
function ipv6Bytes(address: string): number[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const groups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (group.includes('.')) {
            const [a, b, c, d] = ipv4Bytes(group);
            return [(a! << 8) | b!, (c! << 8) | d!];
          }
          return [parseInt(group, 16)];
        });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((group) => [group >> 8, group & 0xff]);
}

const isInternalV4 = (bytes: number[]) => IPV4_INTERNAL.some((range) => inRange(bytes, range));

/** Whether an IP address is one the desk must not post to (see the module's comment). */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0]!);
  if (family === 4) return isInternalV4(ipv4Bytes(bare));
  if (family !== 6) return true; // not an address at all: never a place to post to
  const bytes = ipv6Bytes(bare);
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d, which also covers :: and ::1),
  // NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::): each reaches the IPv4 address it carries.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return isInternalV4(bytes.slice(12));
  if (zeros(0, 12)) return isInternalV4(bytes.slice(12));
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return isInternalV4(bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return isInternalV4(bytes.slice(2, 6));
  return IPV6_INTERNAL.some((range) => inRange(bytes, range));
}

const URL_MESSAGE = 'must be an http or https URL';

/**
 * What is wrong with a receiver's address as written, or null. Checked before anything is
 * resolved: control and invisible characters and spaces (a URL parser would quietly drop or
 * encode them, so what is stored would not be what was read), a scheme other than http(s),
 * and a user name or password, which would be shown on the page and in the API to every
 * director and which the posting client refuses anyway (the signature proves the sender).
 */
export function webhookUrlProblem(value: string): string | null {
  const control = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.exec(value);
  if (control) return textProblem(control[0], false) ?? `must not contain control characters (U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  if (/\p{Zs}/u.test(value)) return 'must not contain spaces';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return URL_MESSAGE;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return URL_MESSAGE;
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  return null;
}

export type TargetCheck =
  | { ok: true; url: URL; hostname: string; addresses: ResolvedAddress[] }
  | { ok: false; reason: 'internal'; hostname: string; address: string }
  | { ok: false; reason: 'unresolved'; hostname: string };

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    void work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Where a post to `url` would go: its addresses, every one checked; or why it may not go.
 * `localhost` and its subdomains are loopback by definition (RFC 6761), whatever a resolver
 * says. A name that resolves to several addresses is refused if any one is internal: which
 * one a connection picks is not ours to choose.
 */
export async function checkWebhookTarget(url: string, policy: TargetPolicy): Promise<TargetCheck> {
  const parsed = new URL(url);
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(hostname);
  if (literal) {
    const address = { address: hostname, family: literal === 6 ? 6 : 4 } as const;
    return !policy.allowPrivate && isInternalAddress(hostname) ? { ok: false, reason: 'internal', hostname, address: hostname } : { ok: true, url: parsed, hostname, addresses: [address] };
  }
  if (!policy.allowPrivate && /(^|\.)localhost\.?$/i.test(hostname)) return { ok: false, reason: 'internal', hostname, address: '127.0.0.1' };
  let addresses: ResolvedAddress[];
  try {
    addresses = await withTimeout(policy.resolve(hostname), policy.timeoutMs ?? RESOLVE_TIMEOUT_MS);
  } catch {
    return { ok: false, reason: 'unresolved', hostname };
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolved', hostname };
  const internal = policy.allowPrivate ? undefined : addresses.find((a) => isInternalAddress(a.address));
  return internal ? { ok: false, reason: 'internal', hostname, address: internal.address } : { ok: true, url: parsed, hostname, addresses };
}

/** The refusal of an internal address, as a field message (worded for pages by the catalogue). */
export const internalAddressMessage = (check: { hostname: string; address: string }) =>
  check.hostname === check.address
    ? `must not point to a private, loopback or link-local address (${check.address})`
    : `must not point to a private, loopback or link-local address (${check.hostname} is ${check.address})`;
