import { useId, useState } from 'react';
import type { CompareResponse, VideoRecord } from '../api/types.js';
import { formatCost, formatTokens } from '../components/format.js';
import { Notice } from '../components/notice.js';
import { PanelScores } from '../ratings/panel-scores.js';
import { usePlayer } from '../videos/player-context.js';
import { exactScore } from './answer-fields.js';
import { AnswerMarkdown } from './answer-markdown.js';
import { orderCards, type CardFilter, type CardSort } from './card-order.js';
import { ModelCard } from './model-card.js';
import { verdictLine } from './verdict.js';

interface CompareResultProps {
  comparison: CompareResponse;
  video?: VideoRecord;
  jobActive: boolean;
  /** 3 for a single comparison, 4 inside a batch */
  headingLevel: 3 | 4;
}

const sortLabels: Record<CardSort, string> = { score: 'best score', latency: 'fastest', cost: 'cheapest' };
const filterLabels: Record<CardFilter, string> = { all: 'all answers', answered: 'answers only', failed: 'errors only' };

/** One video × prompt: a one-line verdict, the judge's summary folded, and one card per model. */
export function CompareResult({ comparison, video, jobActive, headingLevel }: CompareResultProps) {
  const player = usePlayer();
  const sortId = useId();
  const filterId = useId();
  const [sort, setSort] = useState<CardSort>('score');
  const [filter, setFilter] = useState<CardFilter>('all');
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const scores = (comparison.evaluation ?? []).map(exactScore);
  const top = scores.length > 0 ? Math.max(...scores) : null;
  const cards = orderCards(comparison, sort, filter);
  const tokensKnown = comparison.results.some((r) => r.input_tokens !== null || r.output_tokens !== null);
  const totals = `total ${formatCost(comparison.totals.cost_usd)}${
    tokensKnown ? `, ${formatTokens(comparison.totals.input_tokens)} tokens in / ${formatTokens(comparison.totals.output_tokens)} out` : ''
  }`;

  return (
    <div className="comparison" data-testid="comparison">
      <Heading className="verdict" data-testid="verdict">
        {verdictLine(comparison, video?.duration_s, jobActive)}
      </Heading>
      <p className="comparison__context">
        <span className="comparison__prompt" title={comparison.prompt}>“{comparison.prompt}”</span>
        <span className="muted">
          {' '}on{' '}
          <button type="button" className="linklike" onClick={() => player.select(comparison.video_id)}>
            {video?.filename ?? comparison.video_id}
          </button>
          {' · '}judge: {comparison.judge_model ?? 'none'}
          {' · '}
          {totals}
        </span>
      </p>
      {comparison.overall_summary && (
        <details className="summary">
          <summary>The judge's summary</summary>
          <AnswerMarkdown text={comparison.overall_summary} videoId={comparison.video_id} />
        </details>
      )}
      <PanelScores comparison={comparison} />
      {comparison.evaluation_error && <Notice kind="warning">The judge could not score these answers: {comparison.evaluation_error}</Notice>}
      {!comparison.evaluation && !comparison.evaluation_error && comparison.judge_model && jobActive && (
        <p className="muted">Scores appear once every model has answered and the judge has read the answers.</p>
      )}
      {comparison.results.length > 1 && (
        <div className="card-tools" role="group" aria-label="Sort and filter the answers">
          <label htmlFor={sortId}>Sort</label>
          <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as CardSort)}>
            {Object.entries(sortLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor={filterId}>Show</label>
          <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as CardFilter)}>
            {Object.entries(filterLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <span className="muted card-tools__count">
            {cards.length} of {comparison.results.length}
          </span>
        </div>
      )}
      <div className="cards">
        {cards.map(({ result, score }) => (
          <ModelCard
            key={result.model_id}
            result={result}
            score={score}
            best={top !== null && score !== undefined && exactScore(score) === top && comparison.results.length > 1}
            videoId={comparison.video_id}
            jobActive={jobActive}
          />
        ))}
        {cards.length === 0 && <p className="empty">No answer matches “{filterLabels[filter]}”.</p>}
      </div>
    </div>
  );
}
