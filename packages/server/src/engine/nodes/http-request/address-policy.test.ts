import { describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy.js';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy();

  it.each([
    ['127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['10.0.0.1', 'a private address (10.0.0.0/8)'],
    ['172.31.255.255', 'a private address (172.16.0.0/12)'],
    ['192.168.1.10', 'a private address (192.168.0.0/16)'],
    ['100.100.100.200', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['169.254.169.254', 'the cloud metadata address (169.254.169.254/32)'],
    ['169.254.1.1', 'a link-local address (169.254.0.0/16)'],
    ['0.0.0.0', 'a "this network" address (0.0.0.0/8)'],
    ['224.0.0.251', 'a multicast address (224.0.0.0/4)'],
    ['255.255.255.255', 'a reserved address (240.0.0.0/4)'],
    ['::1', 'a loopback address (::1/128)'],
    ['::', 'the unspecified address (::/128)'],
    ['fd12:3456::1', 'a unique-local address (fc00::/7)'],
    ['fe80::1%eth0', 'a link-local address (fe80::/10)'],
    ['fd00:ec2::254', 'the cloud metadata address (fd00:ec2::254/128)'],
    ['::ffff:127.0.0.1', 'a loopback address (127.0.0.0/8), inside ::ffff:127.0.0.1'],
    ['::ffff:a9fe:a9fe', 'the cloud metadata address (169.254.169.254/32), inside ::ffff:a9fe:a9fe'],
    ['64:ff9b::10.0.0.1', 'a private address (10.0.0.0/8), inside 64:ff9b::10.0.0.1'],
    ['2002:c0a8:0101::1', 'a private address (192.168.0.0/16), inside 2002:c0a8:0101::1'],
  ])('refuses %s as %s', (address, reason) => {
    expect(policy.refusal(address)).toBe(reason);
  });

  it.each(['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    'lets public %s through',
    (address) => {
      expect(policy.refusal(address)).toBeUndefined();
    },
  );

  it('lets allowlisted addresses, ranges and hosts through', () => {
    const allowing = new AddressPolicy(['127.0.0.1', '10.20.0.0/16', 'Hooks.Internal.']);
    expect(allowing.refusal('127.0.0.1')).toBeUndefined();
    expect(allowing.refusal('127.0.0.2')).toBe('a loopback address (127.0.0.0/8)');
    expect(allowing.refusal('10.20.3.4')).toBeUndefined();
    expect(allowing.refusal('10.21.0.1')).toBe('a private address (10.0.0.0/8)');
    expect(allowing.allowsHost('hooks.internal')).toBe(true);
    expect(allowing.allowsHost('other.internal')).toBe(false);
  });

  it('refuses allowlist entries it cannot read', () => {
    expect(() => new AddressPolicy(['10.0.0.0/40'])).toThrow(
      'allowlist entry "10.0.0.0/40" has a prefix outside 0-32',
    );
    expect(() => new AddressPolicy(['http://x'])).toThrow(
      'allowlist entry "http://x" is neither a host name, an IP address nor a CIDR range',
    );
  });
});
