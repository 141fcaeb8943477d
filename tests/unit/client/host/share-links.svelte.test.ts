/** The links a host hands out for a new event, and copying them (Clipboard API, or the fallback without one). */
import { describe, expect, it } from 'vitest';
import { ShareLinks } from '../../../../client/src/host/idle/share-links.svelte.ts';
import { copyText } from '../../../../client/src/lib/clipboard.ts';
import { HttpError } from '../../../../client/src/lib/http.ts';

const info = { eventId: 'ev 1', token: 't0k', watchPath: '/watch/ev%201?token=t0k', publisherToken: 'p' };

describe('ShareLinks', () => {
  it('gives the watch and check links on this origin', () => {
    const links = new ShareLinks('http://127.0.0.1:8080/', 'ev 1', { viewerToken: async () => info });
    expect(links.watch).toBe('http://127.0.0.1:8080/watch/ev%201');
    expect(links.check).toBe('http://127.0.0.1:8080/check/ev%201');
    expect(links.withToken).toBe(false);
  });

  it('uses the tokened watch link when the server has viewer tokens, and the plain one when it answers 409', async () => {
    const tokened = new ShareLinks('http://h', 'ev 1', { viewerToken: async () => info });
    await tokened.load();
    expect(tokened.watch).toBe('http://h/watch/ev%201?token=t0k');
    expect(tokened.withToken).toBe(true);
    const plain = new ShareLinks('http://h', 'ev 1', {
      viewerToken: async () => {
        throw new HttpError(409, 'conflict', 'no secret');
      },
    });
    await plain.load();
    expect(plain.watch).toBe('http://h/watch/ev%201');
  });
});

describe('copyText', () => {
  it('uses the Clipboard API when there is one', async () => {
    const written: string[] = [];
    expect(await copyText('x', { clipboard: { writeText: async (t) => void written.push(t) } })).toBe(true);
    expect(written).toEqual(['x']);
  });

  it('falls back to a selected textarea and the copy command, and cleans up', async () => {
    const removed: string[] = [];
    const area = {
      value: '',
      style: {} as Record<string, string>,
      setAttribute() {},
      select() {},
      remove: () => removed.push(area.value),
    };
    const doc = {
      createElement: () => area,
      body: { append() {} },
      execCommand: (cmd: string) => cmd === 'copy',
    } as unknown as Document;
    const refused = {
      writeText: async () => {
        throw new Error('NotAllowedError');
      },
    };
    expect(await copyText('http://h/watch/ev', { clipboard: refused, document: doc })).toBe(true);
    expect(removed).toEqual(['http://h/watch/ev']);
    expect(await copyText('x', {})).toBe(false);
  });
});
