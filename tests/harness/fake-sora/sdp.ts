/** @module SDP edits the fake Sora uses to simulate network trouble (pure). */

/**
 * Replaces every ICE candidate with one host candidate at 127.0.0.1:`port`, where nothing listens: ICE checks
 * get no answer and the viewer's connection never comes up (Chromium marks it failed after ~15 s).
 */
export function withUnreachableCandidate(sdp: string, port: number): string {
  const lines = sdp.split(/\r\n/).filter((line) => !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates');
  const out: string[] = [];
  for (const line of lines) {
    out.push(line);
    if (line.startsWith('c=IN ')) {
      out.push(`a=candidate:1 1 udp 2122260223 127.0.0.1 ${port} typ host generation 0`);
      out.push('a=end-of-candidates');
    }
  }
  return out.join('\r\n');
}

/** The same SDP with no ICE candidates at all. */
export const withoutCandidates = (sdp: string): string =>
  sdp
    .split(/\r\n/)
    .filter((line) => !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates')
    .join('\r\n');

export const candidateLines = (sdp: string): string[] =>
  sdp.split(/\r\n/).filter((line) => line.startsWith('a=candidate:'));
