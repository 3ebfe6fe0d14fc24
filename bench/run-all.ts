import { runAnalyzerBench } from './analyzer-bench.js';
import { runGeminiBench } from './gemini-bench.js';
import { runJobsBench } from './jobs-bench.js';
import { runJudgeCalibration } from './judge-calibration.js';
import { runScaleBench } from './scale-bench.js';
import { runSecurityBench } from './security-bench.js';
import { runMemoryBench } from './memory-bench.js';
import { runStartBench } from './start-bench.js';
import { runRatingsBench } from './ratings-bench.js';
import { runMediaLimitsBench } from './media-limits-bench.js';
import { runTextBench } from './text-bench.js';

/** `npm run bench`: prints every figure the issues ask for. Figures, not assertions. */
const suites: [string, () => Promise<void>][] = [
  ['jobs', runJobsBench],
  ['gemini', runGeminiBench],
  ['analyzers', runAnalyzerBench],
  ['judge', () => runJudgeCalibration()],
  ['scale', runScaleBench],
  ['security', runSecurityBench],
  ['start', runStartBench],
  ['ratings', runRatingsBench],
  ['media-limits', runMediaLimitsBench],
  ['memory', runMemoryBench],
  ['text', runTextBench],
];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && only !== name) continue;
  process.stdout.write(`\n# ${name}\n`);
  await run();
}
