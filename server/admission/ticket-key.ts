/**
 * @module The viewer-ticket key: from KANSOKU_TICKET_KEY, else the one kept in the data dir, else a new random one
 * written there (mode 0600) on first start. It persists, so tickets survive a restart; changing it voids them all
 * (viewers then get new sessions).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TICKET_KEY_FILE = 'viewer-ticket.key';

/**
 * KANSOKU_TICKET_KEY as a key: hashed, so any configured string (≥ 32 characters, checked by config.ts) makes a
 * full-length key.
 */
export const ticketKeyFrom = (configured: string): Buffer => createHash('sha256').update(configured).digest();

export function resolveTicketKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return ticketKeyFrom(configured);
  const file = join(dataDir, TICKET_KEY_FILE);
  if (existsSync(file)) {
    const kept = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (kept.length >= 32) return kept;
  }
  const key = randomBytes(32);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${key.toString('base64url')}\n`, { mode: 0o600 });
  return key;
}
