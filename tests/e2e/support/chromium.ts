/**
 * @module Launches Debian's Chromium through playwright-core with a throwaway profile and the flags WebRTC
 * tests need (fake camera/mic, loopback ICE). Run WebRTC tests inside tests/loopback-only.sh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WEBRTC_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export type Browser = { context: BrowserContext; close(): Promise<void> };

/**
 * What any wait in a page may take before it fails: generous, because the suite must pass on a busy 2-core machine
 * (a browser, the server, a fake Sora and a publisher share it). Waits are on conditions, so a fast run stays fast.
 */
export const E2E_WAIT_MS = 60_000;

/** `executablePath`: another way to start Chromium (the dashboard bench pins it to one core through a wrapper). */
export async function launchChromium(
  options: { webrtc?: boolean; locale?: string; executablePath?: string } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kansoku-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    headless: true,
    args: [...BASE_FLAGS, ...(options.webrtc ? WEBRTC_FLAGS : [])],
    locale: options.locale ?? 'en-US',
    viewport: { width: 1920, height: 1080 },
  });
  context.setDefaultTimeout(E2E_WAIT_MS);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
