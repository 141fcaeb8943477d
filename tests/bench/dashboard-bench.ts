/**
 * @module Dashboard cost under load, in headless Chromium: time to first meaningful paint (navigation → the KPI
 * strip shows watching viewers and the bitrate chart has points) and main-thread time per tick (Chromium's own
 * cumulative TaskDuration over a window, divided by the ticks that arrived in it — everything the page did,
 * the periodic 10,000-row viewer table refresh included). KANSOKU_DASHBOARD_PROFILE=<file> also writes a
 * V8 CPU profile of the page for that window.
 */
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../e2e/support/chromium.ts';

export type DashboardResult = {
  firstPaintMs: number;
  windowS: number;
  ticks: number;
  mainThreadMsPerTick: number;
  /** The same main-thread time per second of the window: independent of how many ticks the server managed to send. */
  mainThreadMsPerSecond: number;
  longestTaskMs: number;
  tableRows: number;
};

const LONG_TASKS = `window.__longTasks = []; new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });`;

export async function measureDashboard(
  url: string,
  hostToken: string,
  eventId: string,
  windowS = 20,
): Promise<DashboardResult> {
  const browser = await launchChromium();
  try {
    const login = await browser.context.request.post(`${url}/api/login`, {
      data: { secret: hostToken },
      headers: { origin: url },
    });
    if (!login.ok()) throw new Error(`dashboard bench: login failed (${login.status()})`);
    const page = await browser.context.newPage();
    await page.addInitScript(LONG_TASKS);
    await page.goto(`${url}/?event=${eventId}`);
    // A function (the page's CSP refuses the eval a string predicate needs), with no named helpers in it (tsx's `__name`).
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="viewers-watching"]')?.textContent?.replace(/[^0-9]/g, '')) > 0 &&
        Number((document.querySelector('[data-testid="chart-bitrate"]') as HTMLElement | null)?.dataset.points) > 0,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    const firstPaintMs = (await page.evaluate('performance.now()')) as number;

    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Network.enable');
    let ticks = 0;
    cdp.on('Network.webSocketFrameReceived', (frame: { response: { payloadData: string } }) => {
      if (frame.response.payloadData.startsWith('42/host,["tick"')) ticks += 1;
    });
    const taskSeconds = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: Array<{ name: string; value: number }>;
      };
      return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    };
    await page.evaluate('window.__longTasks.length = 0');
    if (process.env.KANSOKU_DASHBOARD_PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const before = await taskSeconds();
    await new Promise((resolve) => setTimeout(resolve, windowS * 1000));
    const after = await taskSeconds();
    if (process.env.KANSOKU_DASHBOARD_PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(process.env.KANSOKU_DASHBOARD_PROFILE, JSON.stringify(profile));
    }
    const longTasks = (await page.evaluate('window.__longTasks')) as number[];
    const tableCount = (await page.evaluate(
      `document.querySelector('[data-testid="table-count"]')?.textContent ?? ''`,
    )) as string;
    return {
      firstPaintMs: Math.round(firstPaintMs),
      windowS,
      ticks,
      mainThreadMsPerTick: ticks > 0 ? Math.round(((after - before) * 1000 * 10) / ticks) / 10 : Number.NaN,
      mainThreadMsPerSecond: Math.round(((after - before) * 1000 * 10) / windowS) / 10,
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
      // The label reads `{shown} shown · {open} open · {ended} ended` (ja: `表示 {shown} · …`): the first number.
      tableRows: Number(/[\d,]+/.exec(tableCount)?.[0]?.replace(/,/g, '') ?? Number.NaN),
    };
  } finally {
    await browser.close();
  }
}
