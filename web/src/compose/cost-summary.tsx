import type { ModelDetail, VideoRecord } from '../api/types.js';
import { formatCost } from '../components/format.js';
import { estimateCost, nominalInputTokensPerSecond, nominalOutputTokens } from './cost-estimate.js';

interface CostSummaryProps {
  videos: VideoRecord[];
  promptCount: number;
  models: ModelDetail[];
  batch: boolean;
}

/** "V videos × P prompts = N comparisons" and a labelled rough cost estimate. */
export function CostSummary({ videos, promptCount, models, batch }: CostSummaryProps) {
  const combinations = videos.length * promptCount;
  const estimate = estimateCost(models, videos.map((v) => v.duration_s), promptCount);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <div className="cost-summary" aria-live="polite">
      {batch && (
        <p className="cost-summary__count" data-testid="batch-count">
          {plural(videos.length, 'video')} × {plural(promptCount, 'prompt')} = <strong>{plural(combinations, 'comparison')}</strong>
          {models.length > 0 ? `, ${combinations * models.length} answers` : ''}
        </p>
      )}
      <p className="cost-summary__cost">
        Estimated cost: <strong>{estimate.usd === null ? '—' : `≈ ${formatCost(estimate.usd)}`}</strong>
        {estimate.unpriced.length > 0 && ` (price unknown for ${estimate.unpriced.map((m) => m.name).join(', ')})`}
      </p>
      <p className="hint">
        A rough estimate, not a quote: it assumes about {nominalInputTokensPerSecond} input tokens per second of video and{' '}
        {nominalOutputTokens.toLocaleString('en-US')} output tokens per answer, and leaves out the judge. The results show the real figures.
      </p>
    </div>
  );
}
