/**
 * @module What every dashboard component can reach without prop drilling: strings, theme, REST, the clock and the beat
 * the live views keep (lib/beat.ts), the charts' budget of redraws and where they are drawn.
 */
import { createContext } from 'svelte';
import type { Beat } from '../lib/beat.ts';
import type { ChartHost } from '../lib/chart-host.ts';
import type { SlidePacer } from '../lib/chart-pace.ts';
import type { Now } from '../lib/now.ts';
import type { Theme } from '../lib/theme.svelte.ts';
import type { HostApi } from './api.ts';
import type { HostI18n } from './i18n/index.ts';

export type DashboardContext = {
  i18n: HostI18n;
  theme: Theme;
  api: HostApi;
  now: Now;
  beat: Beat;
  /** The page's budget of chart slides per frame (lib/chart-pace.ts). */
  charts: SlidePacer;
  /** Where the charts are drawn: a worker where the browser can (lib/chart-host.ts). */
  chartHost: ChartHost;
};

export const [getDashboard, setDashboard] = createContext<DashboardContext>();
