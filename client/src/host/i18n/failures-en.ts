/** @module English strings of the failures panel and its links to the KPIs and the viewer table (merged into en.ts). */
export const failuresEn = {
  'failures.lastMinute': '{n} in the last min',
  'failures.lastMinuteHelp':
    'Reports in the last minute. ↑ well above the usual minute of this phase, ↓ under half of it, → about the same.',
  'failures.totalHelp':
    'Failure reports in this phase: a viewer who retries sends one per attempt. Sessions that ended normally are not failures.',
  'failures.ofAttempts': 'of {n} join attempts',
  'failures.ofJoined': 'of {n} who got in',
  'failures.group.join': 'Couldn’t join',
  'failures.group.join.help':
    'Never got a picture: stopped by the browser check, signaling, ICE or DTLS. Share of join attempts (viewers who reached a first frame plus join failures).',
  'failures.group.no-picture': 'In, but no picture',
  'failures.group.no-picture.help':
    'Connected, but no decoded frame for a while, or the browser blocked autoplay (the viewer can press play). Share of join attempts.',
  'failures.group.dropped': 'Dropped',
  'failures.group.dropped.help': 'Were watching, then lost the connection. Share of viewers who got in.',
  'failures.recentOf': 'Recent: {category}',
  'failures.showMore': 'Show all {n}',
  'failures.showFewer': 'Show fewer',
  'failures.openViewer': 'Open this viewer',
  'failures.showInTable': 'Show these viewers',
  'kpi.failedPhase': 'Reports this phase: {n}',
  'kpi.failedHelp':
    'Viewers whose latest attempt failed and who have not got in since. Below: every failure report of this phase.',
  'table.failureOnly': 'Only: {category}',
  'table.failureClear': 'Show every viewer again',
} as const;
