/** @module Sora-style ids: 26 characters of Crockford base32, like the ids real Sora sends. */
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function soraId(): string {
  const bytes = randomBytes(26);
  let id = '';
  for (const byte of bytes) id += CROCKFORD[byte & 31];
  return id;
}
