/**
 * @module The host token: from KANSOKU_HOST_TOKEN, else the one kept in the data dir, else a new one
 * generated on first start (written with mode 0600 and printed once).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type HostToken = { token: string; generated: boolean };

export function resolveHostToken(configured: string | undefined, dataDir: string): HostToken {
  if (configured) return { token: configured, generated: false };
  const file = join(dataDir, 'host-token');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return { token: kept, generated: false };
  }
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true };
}
