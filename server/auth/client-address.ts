/**
 * @module Which address a request comes from, for throttling and logs (pure). `X-Forwarded-For` is believed only
 * with TRUST_PROXY: then the entry the last trusted proxy added (counting `hops` from the right) is the client;
 * entries further left were written by the client itself and prove nothing.
 */

/** IPv6 clients are keyed by their /64: one host usually holds a whole /64, so single addresses are free to rotate. */
function keyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * @param remote the socket's peer address
 * @param forwardedFor the `X-Forwarded-For` header, if any
 * @param trustedHops TRUST_PROXY: 0 ignores the header; n believes the n proxies nearest to us
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | undefined,
  trustedHops: number,
): string {
  let address = remote;
  if (trustedHops > 0 && forwardedFor) {
    const chain = forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (chain.length > 0) address = chain[Math.max(0, chain.length - trustedHops)];
  }
  return address ? keyOf(address.replace(/^\[|\]$/g, '')) : 'unknown';
}
