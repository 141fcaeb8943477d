/** @module One viewing session per tab and event: kept in sessionStorage so a reload continues the same session. */
import { newSessionId } from '../collector/socket.ts';

export function sessionIdFor(storage: Pick<Storage, 'getItem' | 'setItem'> | null, eventId: string): string {
  const key = `kansoku:session:${eventId}`;
  try {
    const kept = storage?.getItem(key);
    if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
    const fresh = newSessionId();
    storage?.setItem(key, fresh);
    return fresh;
  } catch {
    return newSessionId(); // storage disabled (private mode, sandboxed iframe)
  }
}
