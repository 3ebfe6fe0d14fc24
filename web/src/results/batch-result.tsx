import { useMemo } from 'react';
import type { BatchCompareResponse, VideoRecord } from '../api/types.js';
import { displayName } from './answer-fields.js';
import { CompareResult } from './compare-result.js';
import { LeaderboardChart } from './leaderboard-chart.js';
import { ScoreMatrix } from './score-matrix.js';

interface BatchResultProps {
  result: BatchCompareResponse;
  videos: VideoRecord[];
  jobActive: boolean;
  selected: number | null;
  onSelect(itemIndex: number | null): void;
}

/** A batch: leaderboard, the videos × prompts matrix, and the answers of the chosen cell. */
export function BatchResult({ result, videos, jobActive, selected, onSelect }: BatchResultProps) {
  const videoMap = useMemo(() => new Map(videos.map((v) => [v.id, v])), [videos]);
  const chosen = result.comparisons.find((c) => c.item_index === selected);
  const rows = result.leaderboard?.overall ?? [];
  const leader = rows.slice().sort((a, b) => (b.mean_score ?? -1) - (a.mean_score ?? -1))[0];

  return (
    <div className="batch">
      <h3 className="verdict" data-testid="verdict">
        {leader && leader.mean_score !== null
          ? `Best overall: ${displayName(leader)} (mean ${Math.round(leader.mean_score * 10) / 10}/10, ${leader.wins} win${leader.wins === 1 ? '' : 's'} of ${leader.comparisons})`
          : jobActive
            ? 'Waiting for the first scores…'
            : 'Not scored: no judge'}
      </h3>
      <p className="batch__counts">
        {result.total_videos} video{result.total_videos === 1 ? '' : 's'} × {result.total_prompts} prompt{result.total_prompts === 1 ? '' : 's'} ={' '}
        {result.total_combinations} comparisons
      </p>
      {rows.length > 0 && <LeaderboardChart rows={rows} />}
      <ScoreMatrix comparisons={result.comparisons} videos={videoMap} selected={selected} onSelect={(i) => onSelect(i === selected ? null : i)} />
      {chosen && <CompareResult comparison={chosen} video={videoMap.get(chosen.video_id)} jobActive={jobActive} headingLevel={4} />}
    </div>
  );
}
