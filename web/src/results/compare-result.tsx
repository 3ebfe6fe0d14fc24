import type { CompareResponse, VideoRecord } from '../api/types.js';
import { formatCost, formatTokens } from '../components/format.js';
import { Notice } from '../components/notice.js';
import { PanelScores } from '../ratings/panel-scores.js';
import { usePlayer } from '../videos/player-context.js';
import { AnswerMarkdown } from './answer-markdown.js';
import { ModelCard } from './model-card.js';

interface CompareResultProps {
  comparison: CompareResponse;
  video?: VideoRecord;
  jobActive: boolean;
}

/** One video × prompt: the overall verdict and one card per model, best score first. */
export function CompareResult({ comparison, video, jobActive }: CompareResultProps) {
  const player = usePlayer();
  const scoreOf = (modelId: string) => comparison.evaluation?.find((s) => s.model_id === modelId);
  const scores = (comparison.evaluation ?? []).map((s) => s.score);
  const top = scores.length > 0 ? Math.max(...scores) : null;
  const ordered = comparison.results
    .map((result, index) => ({ result, index, score: scoreOf(result.model_id) }))
    .sort((a, b) => (b.score?.score ?? -1) - (a.score?.score ?? -1) || a.index - b.index);
  const tokensKnown = comparison.results.some((r) => r.input_tokens !== null || r.output_tokens !== null);
  const totals = `total ${formatCost(comparison.totals.cost_usd)}${
    tokensKnown ? `, ${formatTokens(comparison.totals.input_tokens)} tokens in / ${formatTokens(comparison.totals.output_tokens)} out` : ''
  }`;

  return (
    <div className="comparison" data-testid="comparison">
      <div className="comparison__head">
        <h3 className="comparison__prompt">“{comparison.prompt}”</h3>
        <p className="muted">
          on{' '}
          <button type="button" className="linklike" onClick={() => player.select(comparison.video_id)}>
            {video?.filename ?? comparison.video_id}
          </button>
          {' · '}judge: {comparison.judge_model ?? 'none'}
          {' · '}
          {totals}
        </p>
      </div>
      {comparison.overall_summary && (
        <div className="summary">
          <p className="summary__title">Overall</p>
          <AnswerMarkdown text={comparison.overall_summary} videoId={comparison.video_id} />
        </div>
      )}
      <PanelScores comparison={comparison} />
      {comparison.evaluation_error && <Notice kind="warning">The judge could not score these answers: {comparison.evaluation_error}</Notice>}
      {!comparison.evaluation && !comparison.evaluation_error && comparison.judge_model && jobActive && (
        <p className="muted">Scores appear once every model has answered and the judge has read the answers.</p>
      )}
      <div className="cards">
        {ordered.map(({ result, score }) => (
          <ModelCard
            key={result.model_id}
            result={result}
            score={score}
            best={top !== null && score?.score === top && ordered.length > 1}
            videoId={comparison.video_id}
            jobActive={jobActive}
          />
        ))}
      </div>
    </div>
  );
}
