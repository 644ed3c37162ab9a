import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

interface BlockedRange {
  readonly network: string;
  readonly prefix: number;
  readonly family: Family;
  readonly label: string;
}

function range(cidr: string, label: string): BlockedRange {
  const [network = '', prefix = ''] = cidr.split('/');
  return { network, prefix: Number(prefix), family: isIP(network) === 6 ? 'ipv6' : 'ipv4', label };
}

/**
 * Addresses an outbound request must not reach unless allowed by name: everything that is not
 * the public internet. The most specific ranges come first so the message names them.
 */
const BLOCKED_RANGES: readonly BlockedRange[] = [
  range('169.254.169.254/32', 'the cloud metadata address'),
  range('fd00:ec2::254/128', 'the cloud metadata address'),
  range('0.0.0.0/8', 'a "this network" address'),
  range('10.0.0.0/8', 'a private address'),
  range('100.64.0.0/10', 'a carrier-grade NAT address'),
  range('127.0.0.0/8', 'a loopback address'),
  range('169.254.0.0/16', 'a link-local address'),
  range('172.16.0.0/12', 'a private address'),
  range('192.0.0.0/24', 'an IETF protocol address'),
  range('192.0.2.0/24', 'a documentation address'),
  range('192.88.99.0/24', 'a 6to4 relay address'),
  range('192.168.0.0/16', 'a private address'),
  range('198.18.0.0/15', 'a benchmarking address'),
  range('198.51.100.0/24', 'a documentation address'),
  range('203.0.113.0/24', 'a documentation address'),
  range('224.0.0.0/4', 'a multicast address'),
  range('240.0.0.0/4', 'a reserved address'),
  range('::/128', 'the unspecified address'),
  range('::1/128', 'a loopback address'),
  range('64:ff9b:1::/48', 'a local NAT64 address'),
  range('100::/64', 'a discard address'),
  range('2001::/32', 'a Teredo address'),
  range('2001:db8::/32', 'a documentation address'),
  range('fc00::/7', 'a unique-local address'),
  range('fe80::/10', 'a link-local address'),
  range('fec0::/10', 'a site-local address'),
  range('ff00::/8', 'a multicast address'),
];

/** The eight 16-bit words of an IPv6 address, or undefined when it is not one. */
function ipv6Words(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((word) => Number.parseInt(word, 16));
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (words === undefined) return undefined;
  const quad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const [w0, w1, w2, w3, w4, w5, w6 = 0, w7 = 0] = words;
  const zeroHead = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (zeroHead && (w5 === 0xffff || w5 === 0) && (w6 !== 0 || w7 > 1)) return quad(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return quad(w6, w7);
  if (w0 === 0x2002) return quad(w1 ?? 0, w2 ?? 0);
  return undefined;
}

function parseAllowEntry(
  entry: string,
): { kind: 'host'; host: string } | { kind: 'cidr'; address: string; prefix: number; family: Family } {
  const trimmed = entry.trim().toLowerCase();
  const [address = '', prefixText] = trimmed.split('/');
  const version = isIP(address);
  if (version === 0) {
    if (prefixText !== undefined || !/^[a-z0-9.-]+$/.test(trimmed)) {
      throw new Error(`allowlist entry "${entry}" is neither a host name, an IP address nor a CIDR range`);
    }
    return { kind: 'host', host: trimmed.replace(/\.$/, '') };
  }
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new Error(`allowlist entry "${entry}" has a prefix outside 0-${max}`);
  }
  return { kind: 'cidr', address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Decides which addresses outbound requests may reach: any public address, and private or
 * special ones only when the allowlist names their host, address or range.
 */
export class AddressPolicy {
  readonly #hosts = new Set<string>();
  readonly #allowed = new BlockList();
  readonly #ranges = BLOCKED_RANGES.map((blocked) => {
    const list = new BlockList();
    list.addSubnet(blocked.network, blocked.prefix, blocked.family);
    return { ...blocked, list };
  });

  /** @param allow host names (`hooks.internal`), addresses (`10.0.0.5`) or ranges (`10.1.0.0/16`). */
  constructor(allow: readonly string[] = []) {
    for (const entry of allow) {
      const parsed = parseAllowEntry(entry);
      if (parsed.kind === 'host') this.#hosts.add(parsed.host);
      else this.#allowed.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  /** Whether the allowlist names this host, which then may resolve to any address. */
  allowsHost(hostname: string): boolean {
    return this.#hosts.has(hostname.toLowerCase().replace(/\.$/, ''));
  }

  /** Why an address may not be reached (`a private address (10.0.0.0/8)`), or undefined when it may. */
  refusal(address: string): string | undefined {
    const bare = address.split('%')[0] ?? '';
    const version = isIP(bare);
    if (version === 0) return `"${address}" is not an IP address`;
    const family: Family = version === 4 ? 'ipv4' : 'ipv6';
    if (this.#allowed.check(bare, family)) return undefined;
    for (const blocked of this.#ranges) {
      if (blocked.family === family && blocked.list.check(bare, family)) {
        return `${blocked.label} (${blocked.network}/${blocked.prefix})`;
      }
    }
    const inner = family === 'ipv6' ? embeddedIpv4(bare) : undefined;
    if (inner === undefined) return undefined;
    const innerRefusal = this.refusal(inner);
    return innerRefusal === undefined ? undefined : `${innerRefusal}, inside ${bare}`;
  }
}
