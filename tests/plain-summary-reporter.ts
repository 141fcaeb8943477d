/**
 * Vitest reporter that ends the run with a plain `N passed, N failed` line, the form CI parsers read.
 * When KANSOKU_SUMMARY_FILE is set it appends the counts there instead, so tests/run-all.sh can add up
 * several vitest runs (the e2e project runs in its own network namespace) into one final line.
 */
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    const file = process.env.KANSOKU_SUMMARY_FILE;
    if (file) appendFileSync(file, `${passed} ${failed} ${skipped}\n`);
    else console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
