/**
 * @module Wall mode: the dashboard laid out for a monitor watched from across the room (1920×1080 and larger) —
 * bigger type, the key numbers, the alerts and the top questions pinned in view. It is on by itself on a screen at
 * least `WALL_MIN_WIDTH` wide; the host can switch it either way, and that choice is kept in the URL (`?wall=1|0`, so
 * a link opens a TV in wall mode) and in this browser. Choosing what the screen would give anyway means following the
 * screen again.
 */
import { createContext } from 'svelte';

export const WALL_MIN_WIDTH = 1920;
/** How much larger every text is on the wall (`--text-scale`): 11 px becomes 14.3 px. */
export const WALL_TEXT_SCALE = 1.3;

/** Where the host's choice is kept; null: no choice, follow the screen. */
export type WallMemory = { read(): boolean | null; write(on: boolean | null): void };
/** Whether the screen is wall-sized, and a way to hear when that changes (returns the unsubscribe). */
export type WallScreen = { wide(): boolean; watch(changed: () => void): () => void };

export class WallMode {
  /** The host's choice, or null to follow the screen. */
  pinned = $state<boolean | null>(null);
  /** The screen is at least `WALL_MIN_WIDTH` wide. */
  wide = $state(false);
  on = $derived(this.pinned ?? this.wide);
  readonly #memory: WallMemory;
  readonly #unwatch: () => void;

  constructor(memory: WallMemory, screen: WallScreen) {
    this.#memory = memory;
    this.pinned = memory.read();
    this.wide = screen.wide();
    this.#unwatch = screen.watch(() => (this.wide = screen.wide()));
  }

  toggle(): void {
    const next = !this.on;
    this.pinned = next === this.wide ? null : next;
    this.#memory.write(this.pinned);
  }

  dispose(): void {
    this.#unwatch();
  }
}

/** The screen as the browser reports it. */
export function browserScreen(): WallScreen {
  const query = matchMedia(`(min-width: ${WALL_MIN_WIDTH}px)`);
  return {
    wide: () => query.matches,
    watch(changed) {
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
  };
}

/** `?wall=1|0` or the browser's stored choice. */
export const parseWall = (value: string | null): boolean | null =>
  value === '1' ? true : value === '0' ? false : null;

export const [getWall, setWall] = createContext<WallMode>();
