/** Which failed pre-flight checks become failures, and with what evidence. */
import { describe, expect, it } from 'vitest';
import { failedItems, preflightFailures } from '../../../../server/beacon/preflight-failures.ts';
import type { Preflight } from '../../../../shared/funnel.ts';

const preflight = (items: Preflight['items']): Preflight => ({ t: 5_000, items });

describe('preflightFailures', () => {
  it('turns failed browser/WebRTC checks into unsupported-browser and codec into codec-unsupported', () => {
    const result = preflightFailures(
      preflight([
        { id: 'browser', status: 'fail', detail: 'Chrome 80 < 90' },
        { id: 'webrtc', status: 'fail' },
        { id: 'av1', status: 'fail', detail: 'no video/AV1 receiver' },
        { id: 'signaling', status: 'fail' },
        { id: 'autoplay', status: 'warn' },
      ]),
    );
    expect(result).toEqual([
      {
        category: 'unsupported-browser',
        t: 5_000,
        stage: 'preflight',
        title: 'preflight:browser',
        message: 'Chrome 80 < 90',
      },
      {
        category: 'codec-unsupported',
        t: 5_000,
        stage: 'preflight',
        title: 'preflight:av1',
        message: 'no video/AV1 receiver',
      },
    ]);
  });

  it('reports nothing for passes and warnings', () => {
    expect(
      preflightFailures(
        preflight([
          { id: 'browser', status: 'warn' },
          { id: 'av1', status: 'pass' },
        ]),
      ),
    ).toEqual([]);
  });

  it('lists failed item ids', () => {
    expect(
      failedItems(
        preflight([
          { id: 'e2ee', status: 'warn' },
          { id: 'signaling', status: 'fail' },
        ]),
      ),
    ).toEqual(['signaling']);
  });
});
