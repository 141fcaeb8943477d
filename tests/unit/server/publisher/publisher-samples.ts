/** @module A scripted publisher for the upload tests: cumulative samples one second apart from per-second rates. */
import type { Limitation, PublisherSample } from '../../../../shared/publisher-sample.ts';

export type Second = {
  kbps?: number;
  fps?: number;
  captureFps?: number;
  /** Percent of the second's video packets Sora reports lost. */
  lossPct?: number;
  limitation?: Limitation;
  rttMs?: number;
  state?: PublisherSample['st'];
};

export const T0 = 1_800_000_000_000;

/** Samples 1 s apart starting at `start`: the first one carries zero counters, each later one adds one `Second`. */
export function script(seconds: readonly Second[], start = T0): PublisherSample[] {
  const c = { by: 0, ps: 0, fe: 0, rl: 0, n: 0, cpu: 0, bw: 0, o: 0 };
  const sample = (i: number, s: Second): PublisherSample => ({
    seq: i + 1,
    t: start + i * 1000,
    st: s.state ?? 'connected',
    vo: {
      ss: 7,
      c: 'AV1',
      enc: 'libaom',
      by: c.by,
      ps: c.ps,
      fe: c.fe,
      w: 1280,
      h: 720,
      sw: 1280,
      sh: 720,
      sfps: s.captureFps ?? 30,
      tb: 2_500_000,
      ql: s.limitation ?? 'none',
      qd: { n: c.n, c: c.cpu, b: c.bw, o: c.o },
      rl: c.rl,
      rtt: (s.rttMs ?? 20) / 1000,
      rj: 0.002,
    },
    ne: { rtt: (s.rttMs ?? 20) / 1000, ab: 5_000_000 },
  });
  const out: PublisherSample[] = [sample(0, seconds[0] ?? {})];
  seconds.forEach((s, i) => {
    const packets = Math.round(((s.kbps ?? 2000) * 1000) / 8 / 1000);
    c.by += ((s.kbps ?? 2000) * 1000) / 8;
    c.ps += packets;
    c.fe += s.fps ?? 30;
    c.rl += Math.round((packets * (s.lossPct ?? 0)) / 100);
    const l = s.limitation ?? 'none';
    if (l === 'cpu') c.cpu += 1;
    else if (l === 'bandwidth') c.bw += 1;
    else if (l === 'other') c.o += 1;
    else c.n += 1;
    out.push(sample(i + 1, s));
  });
  return out;
}

export const repeat = (n: number, s: Second): Second[] => Array.from({ length: n }, () => s);
