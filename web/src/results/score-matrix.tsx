import type { CompareResponse, VideoRecord } from '../api/types.js';
import { formatScore, truncate } from '../components/format.js';
import { ScrollArea } from '../components/scroll-area.js';
import { displayName } from './answer-fields.js';

interface ScoreMatrixProps {
  comparisons: CompareResponse[];
  videos: Map<string, VideoRecord>;
  selected: number | null;
  onSelect(itemIndex: number): void;
}

/** Videos (rows) × prompts (columns); each cell lists every model's score and opens that comparison. */
export function ScoreMatrix({ comparisons, videos, selected, onSelect }: ScoreMatrixProps) {
  const videoIds = [...new Set(comparisons.map((c) => c.video_id))];
  const prompts = [...new Set(comparisons.map((c) => c.prompt))];
  const cell = (videoId: string, prompt: string) => comparisons.find((c) => c.video_id === videoId && c.prompt === prompt);

  return (
    <ScrollArea label="Scores per video and prompt" className="matrix-scroll">
      <table className="matrix">
        <caption>Scores per video and prompt: open a cell to read the answers</caption>
        <thead>
          <tr>
            <th scope="col">Video</th>
            {prompts.map((p, i) => (
              <th key={i} scope="col" title={p}>
                {truncate(p, 48)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {videoIds.map((videoId) => {
            const name = videos.get(videoId)?.filename ?? videoId;
            return (
              <tr key={videoId}>
                <th scope="row">
                  <span className="matrix__video" title={name}>
                    {name}
                  </span>
                </th>
                {prompts.map((prompt, i) => {
                  const comparison = cell(videoId, prompt);
                  if (!comparison) return <td key={i}>—</td>;
                  const open = comparison.item_index === selected;
                  const scores = comparison.evaluation?.map((s) => s.score) ?? [];
                  const top = scores.length > 1 ? Math.max(...scores) : null;
                  return (
                    <td key={i} className={open ? 'matrix__cell--open' : undefined}>
                      <button
                        type="button"
                        className="matrix__cell"
                        onClick={() => onSelect(comparison.item_index)}
                        aria-pressed={open}
                        aria-label={`Open the answers for ${name} and prompt ${i + 1}`}
                      >
                        {comparison.results.map((r) => {
                          const score = comparison.evaluation?.find((s) => s.model_id === r.model_id)?.score;
                          return (
                            <span key={r.model_id} className={`matrix__score${score !== undefined && score === top ? ' matrix__score--top' : ''}`}>
                              <span className="matrix__model">{displayName(r)}</span>
                              <span>{r.error ? 'error' : score === undefined ? '—' : formatScore(score)}</span>
                            </span>
                          );
                        })}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
