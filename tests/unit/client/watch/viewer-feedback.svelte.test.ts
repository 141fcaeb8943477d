/**
 * ViewerFeedback and SendState: the watch page's question form and problem report over a fake viewer socket and clock.
 */
import { describe, expect, it } from 'vitest';
import { browserInfo } from '../../../../client/src/watch/feedback/browser-info.ts';
import { retryAfterSeconds } from '../../../../client/src/watch/feedback/send-state.svelte.ts';
import { sendNotice } from '../../../../client/src/watch/feedback/send-notice.ts';
import { ViewerFeedback } from '../../../../client/src/watch/feedback/viewer-feedback.svelte.ts';
import { watchI18n } from '../../../../client/src/watch/i18n/index.ts';
import { MAX_WEB_QUESTION, REPORT_WINDOW_MS } from '../../../../shared/question.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { FakeClock } from '../collector/fake-clock.ts';
import { FakeSocket } from '../collector/fake-socket.ts';

const BROWSER = {
  userAgent: 'Mozilla/5.0 Test',
  language: 'ja-JP',
  screen: { width: 1920, height: 1080, pixelRatio: 2 },
};

function setup(options: { connected?: boolean; samples?: StatsSample[] } = {}) {
  const clock = new FakeClock();
  const socket = new FakeSocket(clock);
  socket.connected = options.connected ?? true;
  socket.responders = {
    'viewer:question': () => ({ ok: true, data: null }),
    'viewer:problem': () => ({ ok: true, data: null }),
  };
  const windows: number[] = [];
  const feedback = new ViewerFeedback({ timers: clock.timers, now: clock.now, browser: () => BROWSER });
  feedback.connect({ socket, recentSamples: (ms) => (windows.push(ms), options.samples ?? []) });
  return { clock, socket, feedback, windows };
}

const say = (f: ViewerFeedback, lang: 'en' | 'ja' = 'en', which: 'question' | 'problem' = 'question') => {
  const notice = sendNotice(f[which], f.online, which === 'question' ? 'ask.sent' : 'report.sent');
  return notice ? watchI18n(lang).t(notice.key, notice.params) : '';
};

describe('ViewerFeedback: questions', () => {
  it('sends viewer:question with the trimmed text and name, clears the text, keeps the name', async () => {
    const { clock, socket, feedback } = setup();
    feedback.name = '  Aki ';
    feedback.text = '  Will the slides be shared?\n ';
    expect(feedback.canAsk).toBe(true);
    const sending = feedback.ask();
    expect(feedback.question.status).toBe('sending');
    await clock.advance(0);
    await sending;
    expect(socket.of('viewer:question').map((e) => e.payload)).toEqual([
      { t: clock.now(), name: 'Aki', content: 'Will the slides be shared?' },
    ]);
    expect(feedback.question.status).toBe('sent');
    expect(feedback.text).toBe('');
    expect(feedback.name).toBe('  Aki ');
    expect(say(feedback)).toBe('Sent. Thank you!');
  });

  it('leaves out an empty name, and refuses empty or too long text', async () => {
    const { clock, socket, feedback } = setup();
    feedback.text = '   ';
    expect(feedback.canAsk).toBe(false);
    feedback.text = 'x'.repeat(MAX_WEB_QUESTION + 1);
    expect(feedback.canAsk).toBe(false);
    feedback.text = 'ok?';
    const sending = feedback.ask();
    await clock.advance(0);
    await sending;
    expect(socket.of('viewer:question')[0]?.payload).toEqual({ t: clock.now(), content: 'ok?' });
  });

  it('shows the server’s rate limit as “please wait N s”, counts down and then allows sending again', async () => {
    const { clock, socket, feedback } = setup();
    socket.responders['viewer:question'] = () => ({
      ok: false,
      error: 'rate-limited',
      message: 'too many questions; try again in 7 s',
    });
    feedback.text = 'Again?';
    const sending = feedback.ask();
    await clock.advance(0);
    await sending;
    expect(feedback.question.status).toBe('rate-limited');
    expect(feedback.question.waitSeconds).toBe(7);
    expect(feedback.text).toBe('Again?'); // kept for the next try
    expect(feedback.canAsk).toBe(false);
    expect(say(feedback)).toBe('Please wait 7 s before sending another one.');
    expect(say(feedback, 'ja')).toBe('あと 7 秒待ってから送信してください。');
    await clock.advance(2_000);
    expect(say(feedback)).toBe('Please wait 5 s before sending another one.');
    await clock.advance(5_000);
    expect(feedback.question.waitSeconds).toBe(0);
    expect(feedback.canAsk).toBe(true);
    expect(say(feedback)).toBe('');
  });

  it('waits out the interval after a success, so the next question is not refused', async () => {
    const { clock, feedback } = setup();
    feedback.text = 'One';
    const sending = feedback.ask();
    await clock.advance(0);
    await sending;
    feedback.text = 'Two';
    expect(feedback.question.waitSeconds).toBe(10);
    expect(feedback.canAsk).toBe(false);
    await clock.advance(10_000);
    expect(feedback.canAsk).toBe(true);
  });

  it('fails without emitting while offline, and after 10 s without an ack', async () => {
    const { clock, socket, feedback } = setup({ connected: false });
    feedback.text = 'Hello?';
    expect(feedback.online).toBe(false);
    expect(feedback.canAsk).toBe(false);
    expect(say(feedback)).toBe('Connecting to the server…');
    socket.connect();
    expect(feedback.online).toBe(true);
    socket.responders['viewer:question'] = () => undefined; // a lost ack
    const sending = feedback.ask();
    await clock.advance(10_000);
    await sending;
    expect(feedback.question).toMatchObject({ status: 'failed', problem: 'timeout' });
    expect(say(feedback)).toBe('The server did not answer. Please try again.');
    socket.disconnect();
    expect(feedback.online).toBe(false);
  });

  it('reads the wait from the server message when it says one', () => {
    expect(retryAfterSeconds('too many questions; try again in 9 s')).toBe(9);
    expect(retryAfterSeconds('too many messages; slow down')).toBeNull();
    expect(retryAfterSeconds(undefined)).toBeNull();
  });
});

describe('ViewerFeedback: problem reports', () => {
  const sample = (seq: number): StatsSample => ({ seq, t: 1_800_000_000_000 + seq * 1000, st: 'connected' });

  it('sends the last 30 s of samples, the browser and the description, then closes the form', async () => {
    const samples = Array.from({ length: 45 }, (_, i) => sample(i + 1));
    const { clock, socket, feedback, windows } = setup({ samples });
    feedback.reportOpen = true;
    feedback.description = ' Picture freezes ';
    const sending = feedback.report();
    await clock.advance(0);
    await sending;
    expect(windows).toEqual([REPORT_WINDOW_MS]);
    const [emitted] = socket.of('viewer:problem');
    expect(emitted?.payload).toMatchObject({ t: clock.now(), description: 'Picture freezes', browser: BROWSER });
    expect(emitted?.payload.samples).toHaveLength(40);
    expect(emitted?.payload.samples[0]?.seq).toBe(6);
    expect(feedback.reportOpen).toBe(false);
    expect(say(feedback, 'en', 'problem')).toBe('Thank you. Your report was sent to the host.');
    expect(feedback.problem.waitSeconds).toBe(60);
  });

  it('sends a report without samples when the video never played, and without a blank description', async () => {
    const { clock, socket, feedback } = setup();
    const sending = feedback.report();
    await clock.advance(0);
    await sending;
    expect(socket.of('viewer:problem')[0]?.payload).toEqual({ t: clock.now(), samples: [], browser: BROWSER });
  });

  it('shows the rate limit of reports too', async () => {
    const { clock, socket, feedback } = setup();
    socket.responders['viewer:problem'] = () => ({
      ok: false,
      error: 'rate-limited',
      message: 'too many reports; try again in 42 s',
    });
    feedback.reportOpen = true;
    const sending = feedback.report();
    await clock.advance(0);
    await sending;
    expect(feedback.reportOpen).toBe(true);
    expect(say(feedback, 'en', 'problem')).toBe('Please wait 42 s before sending another one.');
  });
});

describe('browserInfo', () => {
  it('keeps what the server accepts and drops the rest', () => {
    expect(
      browserInfo({ userAgent: 'UA', language: 'en-US', screen: { width: 1440.4, height: 900 }, pixelRatio: 1.25 }),
    ).toEqual({ userAgent: 'UA', language: 'en-US', screen: { width: 1440, height: 900, pixelRatio: 1.25 } });
    expect(browserInfo({ userAgent: 'x'.repeat(600), language: 'en_US@weird' })).toEqual({
      userAgent: 'x'.repeat(512),
    });
    expect(browserInfo({ userAgent: 'UA', screen: { width: 800, height: 600 }, pixelRatio: 40 }).screen).toEqual({
      width: 800,
      height: 600,
      pixelRatio: 16,
    });
  });
});
