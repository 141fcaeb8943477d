/** @module The upload's pure core: intervals from cumulative samples, the reading over its windows, and the band. */
import { describe, expect, it } from 'vitest';
import { makeUploadReading } from '../../../helpers/upload-reading-factory.ts';
import { gradeUpload } from '../../../../server/publisher/upload-grade.ts';
import { dominantLimitation, uploadInterval } from '../../../../server/publisher/upload-interval.ts';
import { uploadReading } from '../../../../server/publisher/upload-reading.ts';
import { repeat, script, T0 } from './publisher-samples.ts';

const intervalsOf = (samples: ReturnType<typeof script>) =>
  samples.slice(1).flatMap((s, i) => uploadInterval(samples[i]!, s, s.t) ?? []);

describe('uploadInterval', () => {
  it('takes the deltas of the cumulative counters', () => {
    const [a, b] = script([{ kbps: 1600, fps: 25, lossPct: 10 }]);
    const x = uploadInterval(a!, b!, T0 + 1000);
    expect(x).toMatchObject({ dtMs: 1000, videoBytes: 200_000, videoPackets: 200, videoLost: 20, framesEncoded: 25 });
  });

  it('counts a restarted stream from zero, and no time passing as no interval', () => {
    const [a, b] = script([{}]);
    const restarted = { ...b!, vo: { ...b!.vo!, ss: 99, by: 5000, ps: 5 } };
    expect(uploadInterval(a!, restarted, 0)?.videoBytes).toBe(5000);
    expect(uploadInterval(b!, { ...b!, seq: 9 }, 0)).toBeNull();
  });

  it('names the limitation the encoder spent most of the interval in, by its durations', () => {
    const [a, b] = script([{ limitation: 'cpu' }]);
    expect(dominantLimitation(a!, b!, 1000)).toBe('cpu');
    // The reason at the later sample says 'none', but the durations say CPU held it all second.
    expect(dominantLimitation(a!, { ...b!, vo: { ...b!.vo!, ql: 'none' } }, 1000)).toBe('cpu');
    const noDurations = (s: typeof b) => ({ ...s!, vo: { ...s!.vo!, qd: undefined, ql: 'bandwidth' as const } });
    expect(dominantLimitation(noDurations(a), noDurations(b), 1000)).toBe('bandwidth');
  });
});

describe('uploadReading', () => {
  it('averages bitrate and frame rate over the last seconds and loss over the last ten', () => {
    const samples = script([
      ...repeat(10, { kbps: 3000, lossPct: 0 }),
      ...repeat(5, { kbps: 1000, fps: 15, lossPct: 10 }),
    ]);
    const r = uploadReading(intervalsOf(samples), samples.at(-1)!, null);
    expect(r.videoKbps).toBe(1000);
    expect(r.fps).toBe(15);
    expect(r.lossPct).toBeCloseTo((10 * (5 * 125)) / (5 * 125 + 5 * 375), 0);
    expect(r).toMatchObject({
      codec: 'AV1',
      encoder: 'libaom',
      width: 1280,
      captureFps: 30,
      rttMs: 20,
      targetKbps: 2500,
    });
  });

  it('has no rates before a second sample', () => {
    const [first] = script([]);
    expect(uploadReading([], first!, null)).toMatchObject({ videoKbps: null, lossPct: null, fps: null, limitedSec: 0 });
  });
});

describe('gradeUpload', () => {
  it('is Good when nothing stands out', () => {
    expect(gradeUpload(makeUploadReading(), 0)).toEqual({ band: 'good', reasons: [] });
  });

  it('is Poor at once for a stall or a dead connection, and lists every reason worst first', () => {
    expect(gradeUpload(makeUploadReading({ lossPct: 3 }), 6)).toEqual({ band: 'poor', reasons: ['stalled', 'loss'] });
    expect(gradeUpload(makeUploadReading({ peerState: 'disconnected' }), 0).reasons).toEqual(['not-connected']);
  });

  it('grades a limitation by how long it has lasted', () => {
    expect(gradeUpload(makeUploadReading({ limitation: 'cpu', limitedSec: 3 }), 0).band).toBe('good');
    expect(gradeUpload(makeUploadReading({ limitation: 'cpu', limitedSec: 8 }), 0)).toEqual({
      band: 'fair',
      reasons: ['cpu'],
    });
    expect(gradeUpload(makeUploadReading({ limitation: 'bandwidth', limitedSec: 25 }), 0)).toEqual({
      band: 'poor',
      reasons: ['bandwidth'],
    });
    expect(gradeUpload(makeUploadReading({ limitation: 'other', limitedSec: 60 }), 0).band).toBe('good');
  });

  it('judges frame rate against the capture, not against a static screen', () => {
    expect(gradeUpload(makeUploadReading({ fps: 20, captureFps: 30 }), 0)).toEqual({
      band: 'fair',
      reasons: ['low-fps'],
    });
    expect(gradeUpload(makeUploadReading({ fps: 10, captureFps: 30 }), 0).band).toBe('poor');
    // A still screen captures 2 frames a second: encoding 1 of them is no problem of the encoder's.
    expect(gradeUpload(makeUploadReading({ fps: 1, captureFps: 2 }), 0).band).toBe('good');
  });

  it('uses loss and RTT thresholds', () => {
    expect(gradeUpload(makeUploadReading({ lossPct: 2.5 }), 0).band).toBe('fair');
    expect(gradeUpload(makeUploadReading({ lossPct: 9 }), 0).band).toBe('poor');
    expect(gradeUpload(makeUploadReading({ rttMs: 300 }), 0)).toEqual({ band: 'fair', reasons: ['rtt'] });
  });
});
