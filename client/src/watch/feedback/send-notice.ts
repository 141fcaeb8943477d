/** @module The line under a watch-page form: what happened to the last send, in the viewer's language (pure). */
import type { MessageKey } from '../i18n/messages-en.ts';
import type { SendProblem, SendStatus } from './send-state.svelte.ts';

export type Notice = { key: MessageKey; params?: Record<string, number>; tone: 'good' | 'warn' | 'bad' | 'idle' };

/** null when there is nothing to say (idle, or sending: the button says so). */
export function sendNotice(
  send: { status: SendStatus; problem: SendProblem | null; waitSeconds: number },
  online: boolean,
  sentKey: MessageKey,
): Notice | null {
  if (send.status === 'rate-limited' && send.waitSeconds > 0)
    return { key: 'send.wait', params: { seconds: send.waitSeconds }, tone: 'warn' };
  if (send.status === 'failed') return { key: `send.${send.problem ?? 'other'}`, tone: 'bad' };
  if (send.status === 'sent') return { key: sentKey, tone: 'good' };
  if (!online) return { key: 'send.connecting', tone: 'idle' };
  return null;
}
