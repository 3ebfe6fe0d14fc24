import { randomUUID } from 'node:crypto';
import type { ModelsCatalogue } from '../config/models-catalogue.js';
import { classifyPrompt, type ArenaPair, type ArenaPairView, type ArenaVoteResult, type ArenaWinner } from '../domain/index.js';
import { redactModelNames } from '../evaluation/blinding.js';
import type { Store } from '../store/store.js';
import { candidatePairs, choosePair } from './pair-selection.js';

export interface ArenaServiceDeps {
  store: Store;
  catalogue: ModelsCatalogue;
  now: () => number;
  /** draws the pair among equals and which answer is A; Math.random by default */
  random?: () => number;
}

export interface ArenaFilter {
  job_id?: string;
  video_id?: string;
  category?: string;
}

/** Why a vote was refused, for the route to turn into a status. */
export class ArenaVoteError extends Error {
  constructor(
    readonly reason: 'not_found' | 'already_voted',
    message: string,
  ) {
    super(message);
    this.name = 'ArenaVoteError';
  }
}

/** A voted pair as listed and exported. */
export interface ArenaVoteRecord {
  pair_id: string;
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
  category: string;
  model_a: string;
  model_b: string;
  winner: ArenaWinner;
  voted_at: string;
}

/**
 * The blind arena: hands out pairs of stored answers with every trace of
 * which model wrote them removed, records one vote per pair, and reveals the
 * models only in the answer to the vote.
 */
export class ArenaService {
  private readonly random: () => number;

  constructor(private readonly deps: ArenaServiceDeps) {
    this.random = deps.random ?? Math.random;
  }

  /** The next pair to vote on, or undefined when every pair (matching the filter) has a vote. */
  async next(filter: ArenaFilter): Promise<ArenaPairView | undefined> {
    const { store } = this.deps;
    const answers = (await store.listArenaAnswers({ job_id: filter.job_id, video_id: filter.video_id })).filter(
      (answer) => !filter.category || classifyPrompt(answer.prompt) === filter.category,
    );
    const stored = await store.listArenaPairs({});
    const choice = choosePair(candidatePairs(answers), stored, this.random);
    if (!choice) return undefined;
    let pair = choice.existing;
    if (!pair) {
      const { candidate } = choice;
      const [a, b] = this.random() < 0.5 ? candidate.models : [candidate.models[1], candidate.models[0]];
      pair = await store.insertOrGetArenaPair({
        id: randomUUID(),
        job_id: candidate.job_id,
        item_index: candidate.item_index,
        video_id: candidate.video_id,
        prompt: candidate.prompt,
        model_a: a,
        model_b: b,
        created_at: new Date(this.deps.now()).toISOString(),
        winner: null,
        voted_at: null,
      });
    }
    const runs = await store.getModelRuns(pair.job_id, pair.item_index);
    const textOf = (modelId: string) => this.redact(runs.find((r) => r.model_id === modelId)?.response ?? '');
    return {
      pair_id: pair.id,
      video_id: pair.video_id,
      prompt: pair.prompt,
      category: classifyPrompt(pair.prompt),
      a: { response: textOf(pair.model_a) },
      b: { response: textOf(pair.model_b) },
      votes_cast: stored.filter((p) => p.winner !== null).length,
    };
  }

  /**
   * Records the vote and reveals the models.
   * @throws ArenaVoteError `not_found` for an unknown pair, `already_voted` for a second vote
   */
  async vote(pairId: string, winner: ArenaWinner): Promise<ArenaVoteResult> {
    const outcome = await this.deps.store.recordArenaVote(pairId, winner, new Date(this.deps.now()).toISOString());
    if (outcome === 'not_found') throw new ArenaVoteError('not_found', `Arena pair ${pairId} not found`);
    if (outcome === 'already_voted') throw new ArenaVoteError('already_voted', `Arena pair ${pairId} already has a vote; a pair takes one vote`);
    const pair = (await this.deps.store.getArenaPair(pairId))!;
    return {
      pair_id: pair.id,
      winner,
      a_model: pair.model_a,
      b_model: pair.model_b,
      a_model_name: this.nameOf(pair.model_a),
      b_model_name: this.nameOf(pair.model_b),
    };
  }

  /** Voted pairs, newest first. */
  async votes(limit?: number): Promise<ArenaVoteRecord[]> {
    const pairs = await this.deps.store.listArenaPairs({ voted: true, limit });
    return pairs.map(toVoteRecord);
  }

  private nameOf(modelId: string): string {
    return this.deps.catalogue.get(modelId)?.name ?? modelId;
  }

  /** Every catalogue id, name and provider is redacted, not only the pair's own: absence must not hint either. */
  private redact(text: string): string {
    const terms = this.deps.catalogue.all().flatMap((model) => [
      { model_id: model.id, model_name: model.name },
      { model_id: model.provider, model_name: model.provider },
    ]);
    return redactModelNames(text, terms);
  }
}

function toVoteRecord(pair: ArenaPair): ArenaVoteRecord {
  return {
    pair_id: pair.id,
    job_id: pair.job_id,
    item_index: pair.item_index,
    video_id: pair.video_id,
    prompt: pair.prompt,
    category: classifyPrompt(pair.prompt),
    model_a: pair.model_a,
    model_b: pair.model_b,
    winner: pair.winner!,
    voted_at: pair.voted_at!,
  };
}
