/** @module Integer command-line flags (`--viewers 10000`, `--seconds=60`) for the demo and the benchmark (pure). */

export class FlagError extends Error {
  override name = 'FlagError';
}

export type FlagSpec = { default: number; min: number; max: number };

/** Reads each flag in `spec` from `argv`; unknown flags and values out of range throw a FlagError naming them. */
export function parseFlags<K extends string>(argv: readonly string[], spec: Record<K, FlagSpec>): Record<K, number> {
  const out = Object.fromEntries(Object.entries<FlagSpec>(spec).map(([k, s]) => [k, s.default])) as Record<K, number>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1] as K | undefined;
    if (!match || name === undefined || !(name in spec))
      throw new FlagError(
        `unknown argument ${arg}; known: ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(' ')}`,
      );
    const raw = match[2] ?? argv[++i];
    const value = Number(raw);
    const { min, max } = spec[name];
    if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
      throw new FlagError(`--${name} must be an integer from ${min} to ${max}, got ${raw ?? 'nothing'}`);
    }
    out[name] = value;
  }
  return out;
}
