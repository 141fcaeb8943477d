/** The address throttling keys on: the peer, or the entry the trusted proxies added to X-Forwarded-For. */
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../../server/auth/client-address.ts';

describe('client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.4', 0)).toBe('127.0.0.1');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('takes the entry the nearest trusted proxy added, not what the client wrote', () => {
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.4', 1)).toBe('198.51.100.4');
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.4, 10.0.0.3', 2)).toBe('198.51.100.4');
    expect(clientAddress('10.0.0.2', '198.51.100.4', 3)).toBe('198.51.100.4');
    expect(clientAddress('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
  });

  it('unwraps IPv4-mapped addresses and keys IPv6 by its /64', () => {
    expect(clientAddress('::ffff:192.0.2.1', undefined, 0)).toBe('192.0.2.1');
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:2:bbbb::9', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('::1', undefined, 0)).toBe('0:0:0:0::/64');
    expect(clientAddress('2001:0db8:0001:0002:0003:0004:0005:0006', undefined, 0)).toBe('2001:db8:1:2::/64');
  });
});
