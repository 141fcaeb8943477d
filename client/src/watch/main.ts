/**
 * @module Viewer page entry (/watch/:eventId, /check/:eventId): wires the real browser, sora-js-sdk and the
 * collector into a WatchPage and mounts it. Nothing else.
 */
import { mount } from 'svelte';
import '../lib/tokens.css';
import './watch.css';
import { globalTimers } from '../../../shared/timers.ts';
import { detectLang } from '../lib/i18n.svelte.ts';
import { LANG_KEY, readLangChoice, readLocal, webStorage, writeLocal } from '../lib/local-store.ts';
import { initialTheme } from '../lib/theme.svelte.ts';
import { attach } from '../collector/embed.ts';
import App from './App.svelte';
import { Connectivity } from './connectivity.svelte.ts';
import { browserInfo } from './feedback/browser-info.ts';
import { ViewerFeedback } from './feedback/viewer-feedback.svelte.ts';
import { watchI18n } from './i18n/index.ts';
import { openSoraConnection } from './join/sora-connection.ts';
import { browserEnv } from './preflight/browser-env.ts';
import { runChecks } from './preflight/checks.ts';
import { fetchPublicEvent } from './public-event.ts';
import { parseRoute } from './route.ts';
import { ticketStore } from './ticket-store.ts';
import { WatchPage } from './watch-page.svelte.ts';
import { WatchSession } from './watch-session.svelte.ts';

const pageOpenedAt = Date.now();

// Dark or light as the system says (or as this browser's dashboard was set); the colours are the dashboard's tokens.
document.documentElement.dataset.theme = initialTheme(
  readLocal('kansoku.theme'),
  matchMedia('(prefers-color-scheme: light)').matches,
);

const route = parseRoute(location.pathname, location.search);
// `?lang=` first, then the language this browser picked on any Kansoku page; the document follows the switch.
const locale = watchI18n(detectLang(navigator.languages ?? [], route?.lang, readLangChoice()), (lang, chosen) => {
  document.documentElement.lang = lang;
  if (chosen) writeLocal(LANG_KEY, lang);
});

// The question form and "report a problem" use the collector's socket, which exists once the event has loaded.
const feedback = new ViewerFeedback({
  timers: globalTimers(),
  now: () => Date.now(),
  browser: () =>
    browserInfo({
      userAgent: navigator.userAgent,
      language: navigator.language,
      screen: { width: screen.width, height: screen.height },
      pixelRatio: devicePixelRatio,
    }),
});

// What the failure advice rests on: the Kansoku socket (wired once it exists) and the browser's online flag.
const connectivity = new Connectivity(navigator.onLine);
addEventListener('online', () => (connectivity.online = true));
addEventListener('offline', () => (connectivity.online = false));

const page = route
  ? new WatchPage(route, {
      load: (eventId) => fetchPublicEvent(fetch.bind(window), location.origin, eventId),
      createSession(event, r) {
        const tickets = ticketStore(webStorage('sessionStorage'), r.eventId);
        let session: WatchSession | null = null;
        // The collector reads `.pc` at every poll; each join attempt has its own peer connection. A reload renews the
        // kept ticket (same session); a first load uses the ticket that came with the event.
        const attached = attach(
          {
            get pc() {
              return session?.pc ?? null;
            },
          },
          {
            server: location.origin,
            eventId: r.eventId,
            issued: event.viewer,
            resume: tickets.read(),
            onTicket: (ticket) => tickets.write(ticket.ticket),
            ...(r.token ? { token: r.token } : {}),
          },
        );
        if (attached.socket.connected) connectivity.link('connect');
        attached.socket.on('connect', () => connectivity.link('connect'));
        attached.socket.on('disconnect', () => connectivity.link('disconnect'));
        attached.socket.on('connect_error', () => connectivity.link('connect_error'));
        attached.collector.sendFunnel({ stage: 'page', t: pageOpenedAt });
        feedback.connect({ socket: attached.socket, recentSamples: (ms) => attached.collector.recentSamples(ms) });
        session = new WatchSession(
          event,
          {
            mode: r.mode,
            token: r.token,
            joinTimeoutMs: r.joinTimeoutMs ?? event.joinTimeoutMs,
            noMediaTimeoutMs: r.noMediaTimeoutMs ?? event.noMediaTimeoutMs,
          },
          {
            timers: globalTimers(),
            now: () => Date.now(),
            random: () => Math.random(),
            reporter: attached.collector,
            openConnection: openSoraConnection,
            runChecks: (target) => runChecks(browserEnv(), target),
          },
        );
        const leaving = session;
        // The player stops first (so closing it reports nothing), then detach() ends the viewing session with a
        // `leave` beacon: the host sees "left" now rather than a lost connection after the server's grace.
        addEventListener(
          'pagehide',
          () => {
            leaving.stop();
            feedback.dispose();
            attached.detach();
          },
          { once: true },
        );
        return session;
      },
    })
  : null;

// A page restored from the back-forward cache has already left (pagehide): start over, continuing the same session id.
addEventListener('pageshow', (e) => {
  if (e.persisted) location.reload();
});

mount(App, { target: document.getElementById('app') as HTMLElement, props: { page, locale, feedback, connectivity } });
void page?.load();
