export { createLocalProvider } from './create-local-provider.js';
export { writeLocalAnswer, type LocalAnswerInput } from './write-local-answer.js';
export { isLocalAnalyzerId, localAnalyzerIds, type LocalAnalyzerId } from './local-analyzers.js';
export { createClock, type Clock } from './clock.js';
export { viewFacts, type FactsView, type ShotView } from './facts-view.js';
