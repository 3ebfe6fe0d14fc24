import type { LeaderboardRow } from '../api/types.js';
import { formatCost, formatLatency, formatScore } from '../components/format.js';
import { displayName } from './answer-fields.js';

/** Mean score per model as horizontal bars, with wins, latency, cost and errors beside. */
export function LeaderboardChart({ rows }: { rows: LeaderboardRow[] }) {
  const ranked = rows.slice().sort((a, b) => (b.mean_score ?? -1) - (a.mean_score ?? -1));
  return (
    <figure className="leaderboard" aria-labelledby="leaderboard-caption">
      <figcaption id="leaderboard-caption" className="leaderboard__caption">
        Leaderboard: mean judge score per model (out of 10)
      </figcaption>
      <ol className="leaderboard__rows">
        {ranked.map((row) => (
          <li key={row.model_id} className="leaderboard__row" data-model-id={row.model_id}>
            <span className="leaderboard__name" title={row.model_id}>
              {displayName(row)}
            </span>
            <span className="leaderboard__track" aria-hidden="true">
              <span className="leaderboard__bar" style={{ width: `${((row.mean_score ?? 0) / 10) * 100}%` }} />
            </span>
            <span className="leaderboard__score">{row.mean_score === null ? 'not scored' : formatScore(Math.round(row.mean_score * 10) / 10)}</span>
            <span className="leaderboard__facts muted">
              {row.wins} win{row.wins === 1 ? '' : 's'}{row.ties ? `, ${row.ties} tie${row.ties === 1 ? '' : 's'}` : ''} of {row.comparisons} · {formatLatency(row.mean_latency_ms)} mean · {formatCost(row.cost_usd)}
              {row.errors > 0 ? ` · ${row.errors} error${row.errors === 1 ? '' : 's'}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
