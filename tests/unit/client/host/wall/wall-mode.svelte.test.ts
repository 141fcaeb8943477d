/** Wall mode: on by itself on a wall-sized screen, switched either way by the host, the choice kept until it matches the screen. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { parseWall, WallMode, type WallScreen } from '../../../../../client/src/host/wall/wall-mode.svelte.ts';

function setup(wide: boolean, stored: boolean | null = null) {
  const writes: Array<boolean | null> = [];
  let isWide = wide;
  let changed: () => void = () => undefined;
  const screen: WallScreen = {
    wide: () => isWide,
    watch: (fn) => ((changed = fn), () => (changed = () => undefined)),
  };
  const wall = new WallMode({ read: () => stored, write: (on) => writes.push(on) }, screen);
  return {
    wall,
    writes,
    resize(to: boolean) {
      isWide = to;
      changed();
      flushSync();
    },
  };
}

describe('WallMode', () => {
  it('follows the screen until the host chooses', () => {
    const { wall, resize } = setup(false);
    expect(wall.on).toBe(false);
    resize(true);
    expect(wall.on).toBe(true);
    resize(false);
    expect(wall.on).toBe(false);
  });

  it('keeps the host’s choice against the screen, and follows the screen again when the choice matches it', () => {
    const { wall, writes, resize } = setup(true);
    wall.toggle();
    flushSync();
    expect(wall.on).toBe(false);
    expect(writes).toEqual([false]);
    resize(false);
    resize(true);
    expect(wall.on).toBe(false);
    wall.toggle();
    flushSync();
    expect(wall.on).toBe(true);
    expect(wall.pinned).toBeNull();
    expect(writes).toEqual([false, null]);
  });

  it('starts from a remembered choice (URL or browser)', () => {
    expect(setup(false, true).wall.on).toBe(true);
    expect(setup(true, false).wall.on).toBe(false);
    expect([parseWall('1'), parseWall('0'), parseWall(null), parseWall('yes')]).toEqual([true, false, null, null]);
  });

  it('stops listening to the screen when disposed', () => {
    const { wall, resize } = setup(false);
    wall.dispose();
    resize(true);
    expect(wall.on).toBe(false);
  });
});
