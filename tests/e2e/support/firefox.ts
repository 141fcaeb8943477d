/**
 * @module Launches Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (no browser download), headless,
 * with a throwaway profile and the prefs a receive-only WebRTC viewer needs: autoplay and media without prompts, and
 * ICE on loopback (run inside tests/loopback-only.sh). Stops the browser and, if it lingers, its process by PID.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Prefs checked with Firefox ESR 153 (../shared/reference/toolchain.md §7). */
const PREFS: Record<string, unknown> = {
  // Media and autoplay without permission prompts or a user gesture.
  'media.navigator.permission.disabled': true,
  'media.navigator.streams.fake': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // Loopback ICE: gather host candidates on lo, unobfuscated (no mDNS names), and not only the default route's address.
  // Firefox gathers the default-route address alone for a page that neither captures nor holds a camera or microphone
  // permission (a receive-only viewer); the loopback-only namespace has no route, so it gathered nothing and ICE
  // failed. A default "allow" camera permission lifts that; the page itself never calls getUserMedia.
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.default_address_only': false,
  'media.peerconnection.ice.no_host': false,
  // Nothing but the pages under test: no captive-portal or connectivity probes.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

export type Firefox = {
  browser: Browser;
  /** A fresh page; console messages and page errors are collected for failure messages. */
  newPage(): Promise<{ page: Page; log: string[] }>;
  close(): Promise<void>;
};

export async function launchFirefox(): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'kansoku-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: PREFS,
  });
  const child = browser.process();
  return {
    browser,
    async newPage() {
      const page = await browser.newPage();
      const log: string[] = [];
      page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => log.push(`[pageerror] ${e instanceof Error ? e.message : String(e)}`));
      return { page, log };
    },
    async close() {
      await browser.close().catch(() => undefined);
      // close() waits for the process to exit; should it still run, end it by its PID.
      if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null)
        process.kill(child.pid, 'SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
