import type { VideoRecord } from '../api/types.js';
import { formatCost, formatTokens } from '../components/format.js';
import { summarizeEstimate } from './cost-estimate.js';
import type { EstimateState } from './use-estimate.js';

interface CostSummaryProps {
  videos: VideoRecord[];
  promptCount: number;
  modelCount: number;
  batch: boolean;
  estimate: EstimateState;
}

/** "V videos × P prompts = N comparisons" and the server's estimate: calls, tokens and dollars, before Run. */
export function CostSummary({ videos, promptCount, modelCount, batch, estimate }: CostSummaryProps) {
  const combinations = videos.length * promptCount;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const shown = estimate.state === 'ready' ? estimate.estimate : estimate.state === 'loading' ? estimate.previous : undefined;
  const summary = shown ? summarizeEstimate(shown) : undefined;
  return (
    <div className="cost-summary" aria-live="polite" aria-busy={estimate.state === 'loading'} data-testid="cost-summary">
      {batch && (
        <p className="cost-summary__count" data-testid="batch-count">
          {plural(videos.length, 'video')} × {plural(promptCount, 'prompt')} = <strong>{plural(combinations, 'comparison')}</strong>
          {modelCount > 0 ? `, ${combinations * modelCount} answers` : ''}
        </p>
      )}
      {summary ? (
        <p className="cost-summary__cost" data-testid="estimate">
          Estimate: <strong>{plural(summary.calls, 'call')}</strong>, {formatTokens(summary.inputTokens)} tokens in / {formatTokens(summary.outputTokens)} out,{' '}
          <strong>≈ {formatCost(summary.usd)}</strong>
          {summary.unpriced.length > 0 && ` (price unknown for ${summary.unpriced.join(', ')})`}
        </p>
      ) : estimate.state === 'failed' ? (
        <p className="cost-summary__cost hint">No estimate: {estimate.error}</p>
      ) : (
        <p className="cost-summary__cost hint">{estimate.state === 'loading' ? 'Estimating…' : 'Pick videos, prompts and models to see the estimate.'}</p>
      )}
      <p className="hint">
        Input tokens follow each provider's rule for what is sent (video frames at the chosen resolution, sound, the prompt); output tokens are each model's
        recent average{summary && summary.defaultOutput.length > 0 ? ` (1,000 per answer for ${summary.defaultOutput.join(', ')}: no answers yet)` : ''}. Judge calls are included.
        Each answer shows the estimate next to its real figures.
      </p>
    </div>
  );
}
