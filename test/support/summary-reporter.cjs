// Writes Jest's totals to test-results/summary.json and prints the one line CI reads: "N passed, N failed, N skipped".
// Skipped and todo tests are counted apart, never as passed. A test skipped because the machine lacks something
// (test/support/requirement.ts) carries "[skipped: reason]" in its name; the reasons are listed in the summary and
// printed above the line, so CI, which must skip nothing, can say what was missing.
const fs = require('node:fs');
const path = require('node:path');

const SKIP_MARK = /\[skipped: (.*)\]$/;

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const failedSuites = results.numFailedTestSuites - results.testResults.filter((r) => r.numFailingTests > 0).length;
    const skips = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending' && test.status !== 'todo') continue;
        const names = [...test.ancestorTitles, test.title];
        const reason = names.map((name) => SKIP_MARK.exec(name)?.[1]).find(Boolean) ?? 'test.skip in the source, or left out by -t';
        const entry = skips.get(reason) ?? { reason, tests: [] };
        entry.tests.push(`${path.relative(this.rootDir, file.testFilePath)}: ${test.fullName}`);
        skips.set(reason, entry);
      }
    }
    const summary = {
      passed: results.numPassedTests,
      // A suite that failed to run (syntax error, failing beforeAll) counts as one failure even with no test.
      failed: results.numFailedTests + Math.max(0, failedSuites),
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
      skips: [...skips.values()],
    };
    const dir = path.join(this.rootDir, 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
    const reasons = summary.skips.map((s) => `skipped: ${s.reason} (${s.tests.length} test${s.tests.length === 1 ? '' : 's'})\n`).join('');
    process.stdout.write(`\n${reasons}${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
  }
}

module.exports = SummaryReporter;
