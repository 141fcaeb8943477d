/**
 * @module A test viewer that sends like the collector: one new sample per ack, one batch in flight, every ack recorded.
 */
import { av1Sample, CHROME_UA, connected, viewerSocket, type ViewerSocket } from './clients.ts';

/** One viewer sending one new sample per ack (one batch in flight, like the collector), recording every ack. */
export class SendingViewer {
  readonly sessionId: string;
  acked = 0;
  #seq = 0;
  #running = true;
  socket: ViewerSocket;
  readonly #eventId: string;

  constructor(url: string, eventId: string, sessionId: string) {
    this.sessionId = sessionId;
    this.#eventId = eventId;
    this.socket = this.#open(url);
  }

  #open(url: string): ViewerSocket {
    const socket = viewerSocket(url, { eventId: this.#eventId, sessionId: this.sessionId }, CHROME_UA);
    socket.on('disconnect', () => {
      if (socket === this.socket) this.#running = false;
    });
    return socket;
  }

  /**
   * The viewer's server went away: it reconnects to `url` (another process of a cluster, or the restarted one),
   * asks where its session stands and sends on from there, as the collector does. Returns the server's `lastSeq`.
   */
  async moveTo(url: string): Promise<number> {
    this.socket.disconnect();
    this.socket = this.#open(url);
    await connected(this.socket);
    const hello = await this.socket.emitWithAck('viewer:hello', {});
    if (!hello.ok) throw new Error(`hello refused: ${hello.error} ${hello.message ?? ''}`);
    this.#seq = hello.data.lastSeq;
    this.#running = true;
    void this.#loop();
    return hello.data.lastSeq;
  }

  async start(fail: boolean): Promise<void> {
    await connected(this.socket);
    const now = Date.now();
    await this.socket.emitWithAck('viewer:funnel', { stage: 'page', t: now - 2000 });
    await this.socket.emitWithAck('viewer:funnel', { stage: 'signaling', t: now - 1500 });
    if (fail)
      await this.socket.emitWithAck('viewer:failure', { category: 'ice-failed', t: now - 1000, stage: 'offer' });
    void this.#loop();
  }

  async #loop(): Promise<void> {
    while (this.#running) {
      this.#seq += 1;
      const samples = [av1Sample(this.#seq, Date.now())];
      const socket = this.socket;
      try {
        const result = await socket.timeout(5_000).emitWithAck('viewer:stats', { samples });
        if (socket !== this.socket) return; // moved meanwhile: the new socket's loop carries on
        if (result.ok) this.acked = Math.max(this.acked, result.data.ackSeq);
      } catch {
        return; // the server is gone
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): void {
    this.#running = false;
    this.socket.disconnect();
  }
}
