import { useId, useState } from 'react';
import type { ModelResult, ScoredModel } from '../api/types.js';
import { formatCost, formatLatency, formatScore, formatTokens } from '../components/format.js';
import { CachedBadge } from './cached-badge.js';
import { displayName, rubricOf } from './answer-fields.js';
import { AnswerMarkdown } from './answer-markdown.js';

interface ModelCardProps {
  result: ModelResult;
  score?: ScoredModel;
  best: boolean;
  videoId: string;
  /** the job is still running, so a missing answer may still come */
  jobActive: boolean;
}

function tokensLabel(result: ModelResult): string {
  if (result.input_tokens === null && result.output_tokens === null) return '—';
  const thinking = result.thinking_tokens ? ` + ${formatTokens(result.thinking_tokens)} thinking` : '';
  return `${formatTokens(result.input_tokens)} in / ${formatTokens(result.output_tokens)} out${thinking}`;
}

/** answers longer than this many characters start folded */
const foldAfterChars = 900;

/** One model's answer with its score, the judge's notes and what it cost. The answer unfolds in place. */
export function ModelCard({ result, score, best, videoId, jobActive }: ModelCardProps) {
  const headingId = `card-${videoId}-${result.model_id}`;
  const answerId = useId();
  const [expanded, setExpanded] = useState(false);
  const long = (result.response?.length ?? 0) > foldAfterChars;
  const folded = long && !expanded;
  const name = displayName(result as ModelResult & { display_name?: string });
  const rubric = score ? rubricOf(score) : [];
  return (
    <article className={`card${best ? ' card--best' : ''}`} aria-labelledby={headingId} data-model-id={result.model_id}>
      <header className="card__head">
        <div>
          <h4 id={headingId} className="card__title">
            {name}
          </h4>
          <span className="muted card__id">
            {result.model_id !== name ? result.model_id : ''}
            {result.served_by ? ` · answered by ${result.served_by}` : ''}
          </span>
          {result.cached && <CachedBadge cachedAt={result.cached_at ?? null} />}
        </div>
        <div className="card__score" aria-label={score ? `Score ${formatScore(score.score)}` : 'Not scored'}>
          {score ? <span className="score" data-testid="score">{formatScore(score.score)}</span> : <span className="score score--none">—</span>}
          {best && <span className="card__best">top score</span>}
        </div>
      </header>
      <dl className="metrics">
        <div>
          <dt>Latency</dt>
          <dd>{formatLatency(result.latency_ms)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>{tokensLabel(result)}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatCost(result.cost_usd)}</dd>
        </div>
        {result.attempts > 1 && (
          <div>
            <dt>Attempts</dt>
            <dd>{result.attempts}</dd>
          </div>
        )}
      </dl>
      {score && (score.strengths.length > 0 || score.weaknesses.length > 0) && (
        <div className="judgement">
          {score.strengths.length > 0 && (
            <div>
              <h5>Strengths</h5>
              <ul className="judgement__list judgement__list--plus">
                {score.strengths.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </div>
          )}
          {score.weaknesses.length > 0 && (
            <div>
              <h5>Weaknesses</h5>
              <ul className="judgement__list judgement__list--minus">
                {score.weaknesses.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {rubric.length > 0 && (
        <details className="reasoning">
          <summary>Rubric</summary>
          <ul className="rubric">
            {rubric.map((line, i) => (
              <li key={i}>
                <span>{line.criterion}</span>
                {line.points !== undefined && (
                  <span className="rubric__points">
                    {line.points}
                    {line.max !== undefined ? `/${line.max}` : ''}
                  </span>
                )}
                {line.note && <span className="muted rubric__note">{line.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {score?.reasoning && (
        <details className="reasoning">
          <summary>Judge's reasoning</summary>
          <p>{score.reasoning}</p>
        </details>
      )}
      <div id={answerId} className={`card__answer${folded ? ' card__answer--folded' : ''}`}>
        {result.error ? (
          <p className="card__error" role="note">
            Error: {result.error}
          </p>
        ) : result.response ? (
          <AnswerMarkdown text={result.response} videoId={videoId} />
        ) : (
          <p className="muted">{jobActive ? 'Waiting for the answer…' : 'No answer: the job ended before this model answered.'}</p>
        )}
      </div>
      {long && (
        <button type="button" className="button button--ghost button--small card__expand" aria-expanded={expanded} aria-controls={answerId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show the whole answer'}
        </button>
      )}
    </article>
  );
}
