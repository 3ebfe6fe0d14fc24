export type { Judge, JudgeAnswer, JudgeInput, JudgeVerdict } from './judge.js';
export { isUnjudgeable, unjudgeableScore } from './judge.js';
export { createLocalJudge, LOCAL_JUDGE_ID } from './local-judge.js';
export { createLlmJudge, type LlmJudgeDeps } from './llm-judge.js';
export { JudgeOutputError, parseJudgeOutput } from './judge-output.js';
export { buildJudgePrompt, categoryWeighting, describeFacts, judgeOutputJsonSchema, JUDGE_SYSTEM_INSTRUCTION } from './judge-prompt.js';
export { labelFor, redactModelNames, shuffle, unblind, type LabelOrder } from './blinding.js';
export {
  checkGrounding,
  CUT_TOLERANCE_S,
  END_TOLERANCE_S,
  type CitedTime,
  type GroundingFacts,
  type GroundingReport,
} from './grounding.js';
export { checkCoverage, type CoverageReport } from './coverage.js';
export { assessAnswer, type LocalAssessment } from './local-score.js';
export { checkClaims, claimCheckers, type ClaimCheck, type ClaimChecker, type ClaimFamily } from './claims/index.js';
export { describeWeights, rubricWeights } from './rubric-weights.js';
export { resolveJudgeModel } from './resolve-judge-model.js';
export { buildLeaderboard, type Leaderboard, type LeaderboardRow } from './leaderboard.js';
export { csvField, exportComparisons, type ExportFormat, type ExportInput, type ExportedReport } from './export-report.js';
export { escapeHtml } from './html-report.js';
