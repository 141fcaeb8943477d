/** @module Dark or light: follows the system until the user picks one; `apply` puts it on `<html data-theme>`. */

export type ThemeName = 'dark' | 'light';

export function initialTheme(stored: string | null, prefersLight: boolean): ThemeName {
  if (stored === 'dark' || stored === 'light') return stored;
  return prefersLight ? 'light' : 'dark';
}

export class Theme {
  name = $state<ThemeName>('dark');
  readonly #apply: (name: ThemeName, chosen: boolean) => void;

  /** `apply` runs at start and on every change; `chosen` is true when the user picked the theme. */
  constructor(initial: ThemeName, apply: (name: ThemeName, chosen: boolean) => void = () => {}) {
    this.#apply = apply;
    this.name = initial;
    apply(initial, false);
  }

  set(name: ThemeName): void {
    this.name = name;
    this.#apply(name, true);
  }

  toggle(): void {
    this.set(this.name === 'dark' ? 'light' : 'dark');
  }
}
