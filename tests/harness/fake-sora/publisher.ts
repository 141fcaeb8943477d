/**
 * @module The fake Sora's media side: a headless Chromium page (fake camera and microphone) that makes one sendonly
 * RTCPeerConnection per viewer, and one recvonly RTCPeerConnection per broadcaster (a sendonly client). Node drives it with `page.evaluate` on plain strings (tests/e2e/pages/publisher.js).
 */
import type { BrowserContext, Page } from 'playwright-core';

export type Publisher = {
  /** A sendonly offer with every ICE candidate in it (gathering complete), preferring `codec`. */
  createOffer(connectionId: string, codec: string): Promise<string>;
  /** For a sendonly client: a recvonly offer (gathering complete) receiving `codec`, with its audio and video mids. */
  createReceiveOffer(
    connectionId: string,
    codec: string,
  ): Promise<{ sdp: string; mid: { audio: string; video: string } }>;
  setAnswer(connectionId: string, sdp: string): Promise<void>;
  addCandidate(connectionId: string, candidate: RTCIceCandidateInit): Promise<void>;
  close(connectionId: string): Promise<void>;
  state(connectionId: string): Promise<string>;
  page: Page;
};

const call = (name: string, ...args: unknown[]): string =>
  `window.kansokuPublisher.${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`;

/** `pagesUrl` serves tests/e2e/pages over http://127.0.0.1 (getUserMedia needs a secure context). */
export async function openPublisher(context: BrowserContext, pagesUrl: string): Promise<Publisher> {
  const page = await context.newPage();
  await page.goto(`${pagesUrl}/publisher.html`);
  await page.waitForFunction('typeof window.kansokuPublisher === "object"');
  const closed = () => page.isClosed();
  return {
    page,
    createOffer: (id, codec) => page.evaluate(call('createOffer', id, { codec })) as Promise<string>,
    createReceiveOffer: (id, codec) =>
      page.evaluate(call('createReceiveOffer', id, { codec })) as Promise<{
        sdp: string;
        mid: { audio: string; video: string };
      }>,
    setAnswer: async (id, sdp) => {
      await page.evaluate(call('setAnswer', id, sdp));
    },
    addCandidate: async (id, candidate) => {
      await page.evaluate(call('addCandidate', id, candidate));
    },
    close: async (id) => {
      if (!closed()) await page.evaluate(call('close', id)).catch(() => undefined);
    },
    state: (id) => page.evaluate(call('state', id)) as Promise<string>,
  };
}
