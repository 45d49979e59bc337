/**
 * A closing summary for `npm test`: how many tests ran in Node, in real Chromium (with its version)
 * and end to end, then one plain "N passed, N failed" line. Also written to
 * node_modules/.test-summary.json for .ci/run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class TestSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const perProject = new Map<string, { passed: number; failed: number; skipped: number }>();
    // A test that passed only on a retry is named with what failed before, so flakiness stays visible.
    const retried: { name: string; retries: number; errors: string[] }[] = [];
    for (const module of modules) {
      const name = module.project.name || 'default';
      const counts = perProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      let testsFailed = 0;
      for (const test of module.children.allTests()) {
        const result = test.result();
        const state = result.state;
        if (state === 'passed') {
          counts.passed++;
          const diagnostic = test.diagnostic();
          if (diagnostic?.flaky) retried.push({ name: test.fullName, retries: diagnostic.retryCount, errors: (result.errors ?? []).map((e) => e.message) });
        } else if (state === 'failed') testsFailed++;
        else counts.skipped++;
      }
      // A file that fails outside its tests (a build in beforeAll, an import) leaves them skipped:
      // it counts as one failure, so the summary never reads "0 failed" for a red run.
      counts.failed += module.state() === 'failed' && testsFailed === 0 ? 1 : testsFailed;
      perProject.set(name, counts);
    }
    const where: Record<string, string> = {
      node: 'Node unit tests',
      chromium: `browser tests in real Chromium (${process.env.CHROMIUM_VERSION ?? '/usr/bin/chromium'})`,
      e2e: 'end-to-end tests driving the app in Chromium',
    };
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    console.log('\nTest summary');
    for (const [name, c] of perProject) {
      console.log(`  ${where[name] ?? where[name.split(' ')[0]!] ?? name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
    }
    for (const r of retried) {
      console.log(`  passed only on retry ${r.retries}: ${r.name}`);
      for (const error of r.errors) console.log(`    it had failed with: ${error.replace(/\n/g, '\n    ')}`);
    }
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    mkdirSync('node_modules', { recursive: true });
    writeFileSync('node_modules/.test-summary.json', JSON.stringify({ passed, failed, skipped, retried, projects: Object.fromEntries(perProject) }));
  }
}
