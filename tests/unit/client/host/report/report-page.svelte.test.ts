/** ReportPage: loads through the injected loader, keeps the zoom inside the phase and in the (fake) URL, and resets. */
import { describe, expect, it } from 'vitest';
import { MIN_RANGE_MS, ReportPage } from '../../../../../client/src/host/report/report-page.svelte.ts';
import type { Range } from '../../../../../client/src/host/report/report-route.ts';
import { fixtureReport, T0 } from './report-fixture.ts';

function setup(remembered: Range | null = null, load = async () => fixtureReport()) {
  const writes: Array<Range | null> = [];
  const page = new ReportPage(load, { read: () => remembered, write: (r) => writes.push(r) });
  return { page, writes };
}

describe('ReportPage', () => {
  it('loads the report and views the whole phase without a zoom', async () => {
    const { page } = setup();
    await page.load();
    expect(page.report?.title).toBe('Launch');
    expect(page.range).toBeNull();
    expect(page.view).toEqual({ from: T0, to: T0 + 300_000 });
  });

  it('restores a remembered range, clamped to the phase', async () => {
    const { page } = setup({ from: T0 - 50_000, to: T0 + 100_000 });
    await page.load();
    expect(page.range).toEqual({ from: T0, to: T0 + 100_000 });
  });

  it('zooms in either order, writes the range, and widens a tiny drag to the minimum', async () => {
    const { page, writes } = setup();
    await page.load();
    page.zoom(T0 + 200_000, T0 + 100_000);
    expect(page.view).toEqual({ from: T0 + 100_000, to: T0 + 200_000 });
    page.zoom(T0 + 150_000, T0 + 151_000);
    expect(page.range!.to - page.range!.from).toBe(MIN_RANGE_MS);
    expect(writes).toHaveLength(2);
  });

  it('treats a zoom over the whole phase as no zoom, and reset clears it', async () => {
    const { page, writes } = setup();
    await page.load();
    page.zoom(T0 - 1, T0 + 400_000);
    expect(page.range).toBeNull();
    page.zoom(T0 + 10_000, T0 + 90_000);
    page.reset();
    expect(page.range).toBeNull();
    expect(writes.at(-1)).toBeNull();
  });

  it('keeps the error of a failed load and never zooms a phase that never ticked', async () => {
    const failed = setup(null, async () => {
      throw new Error('no event with id "x"');
    });
    await failed.page.load();
    expect(failed.page.error).toBe('no event with id "x"');
    const empty = setup(null, async () =>
      fixtureReport({ summary: { ...fixtureReport().summary, from: null, to: null } }),
    );
    await empty.page.load();
    empty.page.zoom(T0, T0 + 60_000);
    expect(empty.page.view).toBeNull();
  });
});
