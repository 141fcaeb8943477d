/**
 * @module The chart worker's JS heap, for the dashboard bench's memory check: the page draws its charts in a
 * dedicated worker (client/src/lib/chart-host.ts), a V8 isolate of its own that the page's `JSHeapUsedSize` does not
 * include. It is reached through the page's CDP session (`Target.setAutoAttach`, not flattened, so that the worker's
 * commands go through `Target.sendMessageToTarget` on the same session playwright-core hands out).
 */
import type { CDPSession } from 'playwright-core';

export type WorkerHeap = {
  /** The worker's used JS heap after a forced collection (MB, one decimal), or null when the page has no worker. */
  usedMbAfterGc(): Promise<number | null>;
};

const REPLY_MS = 30_000;

export async function attachWorkerHeap(cdp: CDPSession): Promise<WorkerHeap> {
  let session: string | null = null;
  let nextId = 0;
  const replies = new Map<number, (result: unknown) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') session = e.sessionId;
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    if (e.sessionId === session) session = null;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const reply = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id === undefined) return; // an event of the worker's, not an answer
    replies.get(reply.id)?.(reply.error ? new Error(reply.error.message) : reply.result);
    replies.delete(reply.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  const send = async (sessionId: string, method: string): Promise<unknown> => {
    nextId += 1;
    const id = nextId;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`chart worker: no answer to ${method}`)), REPLY_MS);
      replies.set(id, (result) => {
        clearTimeout(timer);
        if (result instanceof Error) reject(result);
        else resolve(result);
      });
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    return answer;
  };

  return {
    async usedMbAfterGc() {
      if (session === null) return null;
      await send(session, 'HeapProfiler.collectGarbage');
      const { usedSize } = (await send(session, 'Runtime.getHeapUsage')) as { usedSize: number };
      return Math.round((usedSize / 2 ** 20) * 10) / 10;
    },
  };
}
