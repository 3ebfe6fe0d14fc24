import { useMemo, useState } from 'react';
import type { BatchCompareResponse, VideoRecord } from '../api/types.js';
import { CompareResult } from './compare-result.js';
import { LeaderboardChart } from './leaderboard-chart.js';
import { ScoreMatrix } from './score-matrix.js';

interface BatchResultProps {
  result: BatchCompareResponse;
  videos: VideoRecord[];
  jobActive: boolean;
}

/** A batch: leaderboard, the videos × prompts matrix, and the answers of the chosen cell. */
export function BatchResult({ result, videos, jobActive }: BatchResultProps) {
  const videoMap = useMemo(() => new Map(videos.map((v) => [v.id, v])), [videos]);
  const [selected, setSelected] = useState<number | null>(null);
  const chosen = result.comparisons.find((c) => c.item_index === selected);
  const rows = result.leaderboard?.overall ?? [];

  return (
    <div className="batch">
      <p className="batch__counts">
        {result.total_videos} video{result.total_videos === 1 ? '' : 's'} × {result.total_prompts} prompt{result.total_prompts === 1 ? '' : 's'} ={' '}
        {result.total_combinations} comparisons
      </p>
      {rows.length > 0 && <LeaderboardChart rows={rows} />}
      <ScoreMatrix comparisons={result.comparisons} videos={videoMap} selected={selected} onSelect={(i) => setSelected(i === selected ? null : i)} />
      {chosen && <CompareResult comparison={chosen} video={videoMap.get(chosen.video_id)} jobActive={jobActive} />}
    </div>
  );
}
