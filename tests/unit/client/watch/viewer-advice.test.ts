/** Failure advice by evidence: the viewer's network is blamed only when the evidence points there (issue 12). */
import { describe, expect, it } from 'vitest';
import { watchI18n } from '../../../../client/src/watch/i18n/index.ts';
import {
  failureAdvice,
  linkNote,
  nextLinkState,
  type Evidence,
  type LinkEvent,
  type LinkState,
} from '../../../../client/src/watch/viewer-advice.ts';
import { FAILURE_CATEGORIES } from '../../../../shared/funnel.ts';

const up: Evidence = { everPlayed: false, kansoku: 'connected', online: true };

describe('failureAdvice', () => {
  it('Sora unreachable while Kansoku answers: the streaming server, possibly down for everyone', () => {
    expect(failureAdvice('signaling-unreachable', up)).toEqual({
      key: 'failure-advice.sora-unreachable',
      cause: 'streaming-server',
    });
    expect(failureAdvice('all-candidates-failed', { ...up, kansoku: 'connecting' }).cause).toBe('streaming-server');
  });

  it('Sora and Kansoku both unreachable: the internet connection', () => {
    for (const kansoku of ['unreachable', 'lost'] as const)
      expect(failureAdvice('signaling-unreachable', { ...up, kansoku })).toEqual({
        key: 'failure-advice.internet',
        cause: 'internet',
      });
  });

  it('offline: says so for every network failure, unless Kansoku is connected after all', () => {
    const offline: Evidence = { ...up, kansoku: 'unreachable', online: false };
    for (const category of ['signaling-unreachable', 'join-timeout', 'ice-failed', 'dropped'] as const)
      expect(failureAdvice(category, offline).cause).toBe('offline');
    expect(failureAdvice('signaling-rejected', offline).cause).toBe('other');
    expect(failureAdvice('signaling-unreachable', { ...up, online: false }).cause).toBe('streaming-server');
  });

  it('no offer in time is the server, not the network; no media path after the offer is the network', () => {
    expect(failureAdvice('join-timeout', up)).toEqual({ key: 'failure-advice.sora-slow', cause: 'streaming-server' });
    expect(failureAdvice('ice-failed', up)).toEqual({ key: 'failure-advice.network', cause: 'viewer-network' });
    expect(failureAdvice('connection-failed', up).cause).toBe('connection');
  });

  it('a drop is the internet only when Kansoku dropped too', () => {
    expect(failureAdvice('dropped', { ...up, everPlayed: true }).key).toBe('failure-advice.dropped');
    expect(failureAdvice('dropped', { ...up, everPlayed: true, kansoku: 'lost' }).key).toBe(
      'failure-advice.dropped-internet',
    );
  });

  it('only ice-failed blames the viewer’s network when both servers answer', () => {
    const blamed = FAILURE_CATEGORIES.filter((c) => failureAdvice(c, up).cause === 'viewer-network');
    expect(blamed).toEqual(['ice-failed']);
  });

  it('has advice in both languages for every category and evidence', () => {
    const kansoku: LinkState[] = ['connecting', 'connected', 'lost', 'unreachable'];
    for (const lang of ['en', 'ja'] as const) {
      const locale = watchI18n(lang);
      for (const category of FAILURE_CATEGORIES)
        for (const k of kansoku)
          for (const online of [true, false])
            expect(locale.t(failureAdvice(category, { everPlayed: false, kansoku: k, online }).key)).not.toBe('');
    }
  });
});

describe('the Kansoku link', () => {
  const run = (events: LinkEvent[]): LinkState => events.reduce(nextLinkState, 'connecting' as LinkState);

  it('is unreachable when it never connected, lost when it had', () => {
    expect(run(['connect_error'])).toBe('unreachable');
    expect(run(['connect_error', 'connect_error'])).toBe('unreachable');
    expect(run(['connect'])).toBe('connected');
    expect(run(['connect', 'disconnect'])).toBe('lost');
    expect(run(['connect', 'disconnect', 'connect_error'])).toBe('lost');
    expect(run(['connect_error', 'connect'])).toBe('connected');
  });

  it('shows a note only while it is down', () => {
    expect(linkNote('connected')).toBeNull();
    expect(linkNote('connecting')).toBeNull();
    expect(linkNote('unreachable')).toBe('link.unreachable');
    expect(linkNote('lost')).toBe('link.lost');
  });
});
