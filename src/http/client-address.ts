import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Who a request comes from, for the per-client rate limits (never logged). Without a trusted proxy
 * it is the socket's peer. With `TRUST_PROXY`, a peer that is a trusted proxy passes the question
 * on to `X-Forwarded-For`: walking it from the right, the first hop that is not a trusted proxy is
 * the client (hops further left were written by whoever sent the request, so they prove nothing).
 */
export type TrustProxy = false | BlockList;

const OFF = new Set(['', 'false', 'off', '0', 'no']);
const ON = new Set(['true', 'on', '1', 'yes']);

/** Where a load balancer in the same network connects from: loopback and private ranges. */
const PRIVATE_NETWORKS: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
];

/**
 * `TRUST_PROXY`: off (default: `false`, `off`, unset); `true` trusts loopback and private networks;
 * or a comma-separated list of proxy addresses and CIDR ranges (`10.0.0.0/8, 2001:db8::/32`).
 * Throws with the entry that is neither.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim().toLowerCase();
  if (OFF.has(text)) return false;
  const list = new BlockList();
  if (ON.has(text)) {
    for (const [network, prefix, family] of PRIVATE_NETWORKS)
      list.addSubnet(network, prefix, family);
    return list;
  }
  for (const entry of text.split(',').map((e) => e.trim())) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d{1,3}$/.test(prefix ?? '') || bits > max))
    ) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/** A bare IP address from a socket address or a forwarded hop (brackets, ports, IPv4-mapped). */
export function normaliseAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (v4WithPort?.[1]) text = v4WithPort[1];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  if (mapped?.[1]) text = mapped[1];
  return isIP(text) === 0 ? undefined : text.toLowerCase();
}

function isTrusted(trust: BlockList, address: string): boolean {
  return trust.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address as the rate limits should see it (see the module comment). */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  let address = normaliseAddress(req.socket.remoteAddress) ?? 'unknown';
  if (trust === false || address === 'unknown' || !isTrusted(trust, address)) return address;
  const forwarded = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    // Something a trusted proxy would not write: stop at the last address we could trust.
    if (hop === undefined) return address;
    if (!isTrusted(trust, hop)) return hop;
    address = hop;
  }
  return address;
}

/**
 * The rate-limit key of an address: IPv6 clients are keyed by their /64, which one subscriber
 * usually holds whole (keying each address would give them 2^64 buckets).
 */
export function rateLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  // A dotted IPv4 tail (64:ff9b::192.0.2.1) stands for two groups.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - rightGroups)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
