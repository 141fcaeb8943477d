/** @module What every dashboard component can reach without prop drilling: strings, theme, REST, the clock. */
import { createContext } from 'svelte';
import type { Now } from '../lib/now.ts';
import type { Theme } from '../lib/theme.svelte.ts';
import type { HostApi } from './api.ts';
import type { HostI18n } from './i18n/index.ts';

export type DashboardContext = { i18n: HostI18n; theme: Theme; api: HostApi; now: Now };

export const [getDashboard, setDashboard] = createContext<DashboardContext>();
