/** `npm run bench`: every benchmark, printing its numbers. Speed goals live here, never in unit tests. */
import { runActionsBench } from './actions-bench.js';
import { runApproveClickBench } from './approve-click-bench.js';
import { runMatcherBench } from './matcher-bench.js';
import { runPathologicalBench } from './pathological-bench.js';
import { runSlackBench } from './slack-bench.js';
import { runWholeLogBench } from './whole-log-bench.js';

await runMatcherBench();
console.log('');
await runPathologicalBench();
console.log('');
await runWholeLogBench();
console.log('');
await runSlackBench();
console.log('');
await runActionsBench();
console.log('');
await runApproveClickBench();
