import { runAnalyzerBench } from './analyzer-bench.js';
import { runGeminiBench } from './gemini-bench.js';
import { runJobsBench } from './jobs-bench.js';
import { runJudgeCalibration } from './judge-calibration.js';
import { runRatingsBench } from './ratings-bench.js';
import { runMediaLimitsBench } from './media-limits-bench.js';

/** `npm run bench`: prints every figure the issues ask for. Figures, not assertions. */
const suites: [string, () => Promise<void>][] = [
  ['jobs', runJobsBench],
  ['gemini', runGeminiBench],
  ['analyzers', runAnalyzerBench],
  ['judge', () => runJudgeCalibration()],
  ['ratings', runRatingsBench],
  ['media-limits', runMediaLimitsBench],
];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && only !== name) continue;
  process.stdout.write(`\n# ${name}\n`);
  await run();
}
