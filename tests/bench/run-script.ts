/**
 * @module How a bench script ends: exit 0 once `main` resolves; on a bad flag its message alone, on any other error the
 * error, and exit 1.
 */
import { FlagError } from '../../server/simulator/cli-flags.ts';

export function runScript(main: () => Promise<void>): void {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error instanceof FlagError ? error.message : error);
      process.exit(1);
    });
}
