import type { ModelResult, ScoredModel } from '../api/types.js';
import { formatCost, formatLatency, formatScore, formatTokens } from '../components/format.js';
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

/** One model's answer with its score, the judge's notes and what it cost. */
export function ModelCard({ result, score, best, videoId, jobActive }: ModelCardProps) {
  const headingId = `card-${videoId}-${result.model_id}`;
  return (
    <article className={`card${best ? ' card--best' : ''}`} aria-labelledby={headingId} data-model-id={result.model_id}>
      <header className="card__head">
        <div>
          <h4 id={headingId} className="card__title">
            {result.display_name}
          </h4>
          <span className="muted card__id">
            {result.model_id}
            {result.served_by ? ` · served by ${result.served_by}` : ''}
          </span>
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
      {score?.reasoning && (
        <details className="reasoning">
          <summary>Judge's reasoning</summary>
          <p>{score.reasoning}</p>
        </details>
      )}
      <div className="card__answer">
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
    </article>
  );
}
