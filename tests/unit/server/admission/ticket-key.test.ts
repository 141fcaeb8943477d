import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveTicketKey, TICKET_KEY_FILE, ticketKeyFrom } from '../../../../server/admission/ticket-key.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kansoku-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('resolveTicketKey', () => {
  it('creates a 32-byte key in the data dir with mode 0600 on first start and keeps it across restarts', () => {
    const dir = join(tempDir(), 'nested');
    const key = resolveTicketKey(undefined, dir);
    expect(key).toHaveLength(32);
    const file = join(dir, TICKET_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('base64url'));
    expect(resolveTicketKey(undefined, dir).equals(key)).toBe(true);
  });

  it('uses KANSOKU_TICKET_KEY (hashed) when set, and writes nothing', () => {
    const dir = tempDir();
    const key = resolveTicketKey('a-configured-ticket-key-of-32-characters', dir);
    expect(key.equals(ticketKeyFrom('a-configured-ticket-key-of-32-characters'))).toBe(true);
    expect(() => statSync(join(dir, TICKET_KEY_FILE))).toThrow();
  });
});
