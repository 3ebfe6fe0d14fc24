/**
 * Judge calibration: how often does a judge rank planted answers in the known
 * order? Two sets: the legacy 27 pairs (facts only: correct > wrong cuts >
 * {times past the end, vague, empty, error}) and the planted set on six
 * generated videos (accurate content answer, invented and denied events,
 * vague, empty, error, and the four local analyzers) plus three focused ones
 * (graded shots for colour questions; titles read by OCR for caption, general
 * and analysis questions), split into a tuning half and a held-out half fixed
 * before the judge was tuned (new cases join both halves; none ever moves).
 *
 *   npx tsx bench/judge-calibration.ts                       # the local judge
 *   npx tsx bench/judge-calibration.ts --judge gemini-2.5-flash [--runs 2] [--context text]
 *
 * With `--judge <model-id>` the LLM judge is run too, when the model's
 * provider has a key (e.g. GEMINI_API_KEY; GOOGLE_GEMINI_BASE_URL points the
 * SDK at a compatible server). Without a key it says why and runs the local
 * judge only. Prints figures; asserts nothing.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { parseEnv } from '../src/config/env.js';
import { loadModelsCatalogue } from '../src/config/models-catalogue.js';
import type { Judge } from '../src/evaluation/judge.js';
import { createLlmJudge } from '../src/evaluation/llm-judge.js';
import { createLocalJudge, LOCAL_JUDGE_ID } from '../src/evaluation/local-judge.js';
import { silentLogger } from '../src/logging/logger.js';
import { createGeminiProvider } from '../src/providers/gemini/create-gemini-provider.js';
import type { VideoProvider } from '../src/providers/provider.js';
import { createScheduler } from '../src/scheduler/create-scheduler.js';
import type { ProviderFileRecord, ProviderFileStore } from '../src/store/store.js';
import { calibrationCases, plantedKinds } from '../test/calibration/cases.js';
import { fakeVideoAsset } from '../test/calibration/fake-video.js';
import { accuracyBy, runPlantedCalibration, type PairOutcome } from '../test/calibration/planted-calibration.js';
import { rankAccuracy, scoreCase, type CaseScores } from '../test/calibration/rank-accuracy.js';

export interface JudgeCalibrationOptions {
  judge?: string;
  runs?: 1 | 2;
  context?: 'facts' | 'text';
}

/** Provider-side files are not needed (the calibration videos are facts, never uploaded). */
function memoryFileStore(): ProviderFileStore {
  const files = new Map<string, ProviderFileRecord>();
  return {
    getProviderFile: async (provider, sha256) => files.get(`${provider}/${sha256}`),
    saveProviderFile: async (file) => void files.set(`${file.provider}/${file.sha256}`, file),
    deleteProviderFile: async (provider, sha256) => void files.delete(`${provider}/${sha256}`),
  };
}

/** The LLM judge for `modelId`, or why it cannot run here. */
function llmJudgeFor(modelId: string): Judge | string {
  const env = parseEnv(process.env);
  const catalogue = loadModelsCatalogue(env.VIDCOMPARE_MODELS_FILE);
  const model = catalogue.resolve(modelId);
  if (!model) return `unknown model ${modelId}`;
  if (!model.can_judge) return `${modelId} cannot act as a judge (can_judge is false in the catalogue)`;
  const providers: Partial<Record<string, VideoProvider>> = {
    gemini: createGeminiProvider({ apiKey: env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY, baseUrl: env.GOOGLE_GEMINI_BASE_URL, files: memoryFileStore(), logger: silentLogger() }),
  };
  const provider = providers[model.provider];
  if (!provider) return `no ${model.provider} adapter is wired into this benchmark`;
  const availability = provider.availability(model);
  if (!availability.available) return availability.reason ?? `${modelId} is not available`;
  const scheduler = createScheduler({ retry: { maxAttempts: env.VIDCOMPARE_RETRY_ATTEMPTS, baseDelayMs: 1000, maxDelayMs: 60_000 }, logger: silentLogger() });
  return createLlmJudge({ model, provider, scheduler });
}

function pad(text: string | number, width: number): string {
  return String(text).padStart(width);
}

async function calibrate(judge: Judge, options: JudgeCalibrationOptions): Promise<void> {
  process.stdout.write(`\njudge: ${judge.modelId}${judge.modelId === LOCAL_JUDGE_ID ? '' : ` (context ${options.context ?? 'facts'}, runs ${options.runs ?? 1})`}\n`);
  process.stdout.write(`${'case'.padEnd(18)}${plantedKinds.map((k) => pad(k, 11)).join('')}  pairs right\n`);
  const all: CaseScores[] = [];
  for (const calibrationCase of calibrationCases) {
    const scores = await scoreCase(wrap(judge, options), calibrationCase, fakeVideoAsset(calibrationCase.facts));
    all.push(scores);
    const accuracy = rankAccuracy([scores]);
    process.stdout.write(`${calibrationCase.id.padEnd(18)}${plantedKinds.map((k) => pad(scores[k], 11)).join('')}  ${accuracy.correct_pairs}/${accuracy.total_pairs}\n`);
  }
  const overall = rankAccuracy(all);
  process.stdout.write(`legacy set rank accuracy: ${(overall.accuracy * 100).toFixed(1)}% (${overall.correct_pairs}/${overall.total_pairs} ordered pairs)\n`);
  await plantedSet(wrap(judge, options));
}

function percent(right: number, total: number): string {
  return `${((100 * right) / total).toFixed(1)}%`.padStart(7);
}

/** The planted set on generated videos: pairwise rank accuracy per half, overall and per category. */
async function plantedSet(judge: Judge): Promise<void> {
  const results = await runPlantedCalibration(judge);
  const pairs = results.flatMap((r) => r.pairs);
  process.stdout.write(`\nplanted set: ${results.length} cases on ${new Set(results.map((r) => r.case_id.split('/')[0])).size} generated videos, ${pairs.length} ordered pairs\n`);
  process.stdout.write('pairwise rank accuracy on score_exact (on the integer score, where a tie is a miss)\n');
  process.stdout.write(`${'category'.padEnd(12)}${['tuning', 'held-out', 'both'].map((h) => h.padStart(26)).join('')}\n`);
  const cell = (selection: PairOutcome[]) => {
    const a = accuracyBy(selection, () => 'all').get('all');
    return (a ? `${percent(a.right, a.total)} (${percent(a.right_integer, a.total)}) ${`${a.right}/${a.total}`.padStart(9)}` : '—').padStart(26);
  };
  const categories = [...new Set(pairs.map((p) => p.category))];
  for (const category of ['overall', ...categories]) {
    const inCategory = category === 'overall' ? pairs : pairs.filter((p) => p.category === category);
    process.stdout.write(`${category.padEnd(12)}${cell(inCategory.filter((p) => p.half === 'tuning'))}${cell(inCategory.filter((p) => p.half === 'held-out'))}${cell(inCategory)}\n`);
  }
  const misses = new Map<string, number>();
  for (const p of pairs.filter((x) => !x.right)) misses.set(`${p.half} ${p.category}: ${p.better} > ${p.worse}`, (misses.get(`${p.half} ${p.category}: ${p.better} > ${p.worse}`) ?? 0) + 1);
  if (misses.size > 0) process.stdout.write(`pairs missed: ${[...misses].map(([k, n]) => `${k} ×${n}`).join('; ')}\n`);
}

/** applies --runs / --context to every evaluation of the calibration */
function wrap(judge: Judge, options: JudgeCalibrationOptions): Judge {
  return {
    modelId: judge.modelId,
    evaluate: (input) => judge.evaluate({ ...input, runs: options.runs ?? 1, context: options.context ?? 'facts' }),
  };
}

/** Prints the rank accuracy of the local judge, and of an LLM judge when one is asked for and usable. */
export async function runJudgeCalibration(options: JudgeCalibrationOptions = {}): Promise<void> {
  await calibrate(createLocalJudge(), options);
  if (!options.judge || options.judge === LOCAL_JUDGE_ID) {
    process.stdout.write('(pass --judge <model-id> to calibrate an LLM judge too, e.g. --judge gemini-2.5-flash with GEMINI_API_KEY set)\n');
    return;
  }
  const llm = llmJudgeFor(options.judge);
  if (typeof llm === 'string') {
    process.stdout.write(`\nLLM judge ${options.judge} not run: ${llm}. Only the local judge was calibrated.\n`);
    return;
  }
  await calibrate(llm, options);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { judge: { type: 'string' }, runs: { type: 'string', default: '1' }, context: { type: 'string', default: 'facts' } },
  });
  if (values.runs !== '1' && values.runs !== '2') throw new Error('--runs must be 1 or 2');
  if (values.context !== 'facts' && values.context !== 'text') throw new Error('--context must be facts or text (the calibration videos exist only as facts)');
  await runJudgeCalibration({ judge: values.judge, runs: Number(values.runs) as 1 | 2, context: values.context });
}
