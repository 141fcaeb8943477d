/**
 * @module UploadState: loads the phase's upload, follows pushes of its own event and phase, keeps the history bounded.
 */
import { describe, expect, it } from 'vitest';
import { appendPoint, UploadState } from '../../../../../client/src/host/upload/upload-state.svelte.ts';
import type { UploadApi } from '../../../../../client/src/host/upload/upload-api.ts';
import { PUBLISHER_HISTORY_LIMIT } from '../../../../../shared/limits.ts';
import type { PublisherStatus, PublisherView, UploadPoint } from '../../../../../shared/publisher-status.ts';
import { FakeHostSocket } from '../fake-host-socket.ts';

const point = (t: number, kbps = 2000): UploadPoint => ({
  t,
  kbps,
  fps: 30,
  lossPct: 0,
  rttMs: 20,
  band: 'good',
  limitation: 'none',
});
const status = (t: number, extra: Partial<PublisherStatus> = {}): PublisherStatus => ({
  eventId: 'ev1',
  phase: 'live',
  t,
  state: 'live',
  publishers: 1,
  since: 0,
  lastSampleAt: t,
  stalledSec: 0,
  band: 'good',
  reasons: [],
  reading: null,
  point: point(t),
  ...extra,
});

function setup(view: PublisherView, anyPhase = false) {
  const socket = new FakeHostSocket();
  const api: UploadApi = { view: async () => view };
  const upload = new UploadState(socket, api, { eventId: 'ev1', phase: 'live' }, { anyPhase });
  return { socket, upload };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('UploadState', () => {
  it('loads the status and history, then appends each pushed status’s point', async () => {
    const { socket, upload } = setup({ status: status(3000), points: [point(1000), point(2000), point(3000)] });
    upload.start();
    await settle();
    expect(upload.status?.t).toBe(3000);
    socket.serverEmit('publisher:status', status(4000));
    socket.serverEmit('publisher:status', status(4000)); // the same point twice is kept once
    expect(upload.points.map((p) => p.t)).toEqual([1000, 2000, 3000, 4000]);
    expect(upload.status?.t).toBe(4000);
  });

  it('with `defer` (the dashboard’s beat), applies pushes when it runs them, in order', async () => {
    const socket = new FakeHostSocket();
    const waiting: Array<() => void> = [];
    const view = { status: status(1000), points: [point(1000)] };
    const upload = new UploadState(
      socket,
      { view: async () => view },
      { eventId: 'ev1', phase: 'live' },
      {
        defer: (apply) => void waiting.push(apply),
      },
    );
    upload.start();
    await settle();
    socket.serverEmit('publisher:status', status(2000));
    socket.serverEmit('publisher:status', status(3000));
    expect(upload.status?.t).toBe(1000);
    for (const apply of waiting.splice(0)) apply();
    expect(upload.points.map((p) => p.t)).toEqual([1000, 2000, 3000]);
    expect(upload.status?.t).toBe(3000);
  });

  it('ignores other events and phases, and stops listening when disposed', async () => {
    const { socket, upload } = setup({ status: status(1000), points: [] });
    upload.start();
    await settle();
    socket.serverEmit('publisher:status', status(2000, { eventId: 'other' }));
    socket.serverEmit('publisher:status', status(2000, { phase: 'rehearsal' }));
    expect(upload.status?.t).toBe(1000);
    upload.dispose();
    expect(socket.listenerCount()).toBe(0);
  });

  it('on the publisher page follows the event into its next phase with a fresh history', () => {
    const { upload } = setup({ status: status(0), points: [] }, true);
    upload.receive(status(1000));
    upload.receive(status(2000, { phase: 'rehearsal' }));
    expect(upload.ref.phase).toBe('rehearsal');
    expect(upload.points.map((p) => p.t)).toEqual([2000]);
  });

  it('keeps a pushed status newer than a slow load', async () => {
    const { socket, upload } = setup({ status: status(1000), points: [point(1000)] });
    socket.connected = true;
    upload.start();
    socket.serverEmit('publisher:status', status(5000));
    await settle();
    expect(upload.status?.t).toBe(5000);
    expect(upload.points.map((p) => p.t)).toEqual([1000, 5000]);
  });
});

describe('appendPoint', () => {
  it('keeps at most an hour of points', () => {
    const points: UploadPoint[] = [];
    for (let i = 1; i <= PUBLISHER_HISTORY_LIMIT + 5; i++) expect(appendPoint(points, point(i))).toBe(true);
    expect(appendPoint(points, point(PUBLISHER_HISTORY_LIMIT))).toBe(false);
    expect(points).toHaveLength(PUBLISHER_HISTORY_LIMIT);
    expect(points[0]?.t).toBe(6);
  });
});
