export { ArenaService, ArenaVoteError, type ArenaFilter, type ArenaServiceDeps, type ArenaVoteRecord } from './arena-service.js';
export { candidatePairs, choosePair, modelPairKey, type PairCandidate, type PairChoice } from './pair-selection.js';
