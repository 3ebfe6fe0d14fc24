import { useEffect, useRef } from 'react';
import { isBatchResult, type JobView, type ModelDetail, type VideoRecord } from '../api/types.js';
import { formatEta } from '../components/format.js';
import { Notice } from '../components/notice.js';
import { BatchResult } from './batch-result.js';
import { CompareResult } from './compare-result.js';
import { ExportLinks } from './export-links.js';
import { RejudgeForm } from './rejudge-form.js';
import type { JobResultState } from './use-job-result.js';

interface ResultsPanelProps {
  jobId: string;
  /** the job as the jobs list knows it (live progress) */
  job: JobView | undefined;
  videos: VideoRecord[];
  state: JobResultState;
  /** the batch cell whose answers are shown */
  selectedItem: number | null;
  onSelectItem(itemIndex: number | null): void;
  onClose(): void;
  /** the player shows the result's video (it appears above the result, moving it down) */
  playerReady: boolean;
  /** the catalogue's models, for judging the answers again (null while loading) */
  models: ModelDetail[] | null;
  /** a job started from the result (judging it again): track and open it */
  onStarted(jobId: string): void;
}

/** Scrolls so the panel starts at the top, unless its verdict is already wholly in view. */
function bringVerdictIntoView(panel: HTMLElement | null): void {
  if (!panel) return;
  const verdict = panel.querySelector('.verdict') ?? panel;
  const box = verdict.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  panel.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
}

/** The opened job's results, refreshed as answers and scores arrive; brought into view when opened. */
export function ResultsPanel({ jobId, job, videos, state, selectedItem, onSelectItem, onClose, playerReady, models, onStarted }: ResultsPanelProps) {
  const { result, error } = state;
  const status = job?.status;
  const panel = useRef<HTMLElement>(null);
  const revealed = useRef<string | null>(null);

  // a job just started or opened: once its first content is on screen (and again once the player
  // has appeared above it), bring the verdict into view
  const hasResult = result !== null;
  useEffect(() => {
    const key = `${jobId}|${playerReady}`;
    if (!hasResult || revealed.current === key) return;
    revealed.current = key;
    bringVerdictIntoView(panel.current);
  }, [jobId, hasResult, playerReady]);

  const active = status === 'pending' || status === 'running';
  const eta = active ? formatEta(job?.eta_seconds) : null;
  return (
    <section ref={panel} className="panel results" aria-labelledby="results-heading" data-job-id={jobId} tabIndex={-1}>
      <div className="panel__head">
        <h2 id="results-heading">Result</h2>
        <span className="results__actions">
          <ExportLinks jobId={jobId} />
          <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close the result">
            Close
          </button>
        </span>
      </div>
      {job && active && (
        <p className="results__status" aria-live="polite">
          <span className={`badge badge--${job.status}`}>{job.status}</span> {job.progress_message}
          {eta ? ` · ${eta}` : ''}
        </p>
      )}
      {job?.rejudge_of && (
        <p className="muted results__status">
          Answers of job {job.rejudge_of.slice(0, 8)}, judged again
        </p>
      )}
      {job && !active && result && (
        <RejudgeForm key={jobId} jobId={jobId} models={models} currentJudge={(job.request_data.judge_model as string | null | undefined) ?? null} onStarted={onStarted} />
      )}
      {job?.error && <Notice kind="error">{job.error}</Notice>}
      {error && <Notice kind="error">Could not load the result: {error}</Notice>}
      {!result && !error && <p className="muted">Loading…</p>}
      {result &&
        (isBatchResult(result) ? (
          <BatchResult result={result} videos={videos} jobActive={active} selected={selectedItem} onSelect={onSelectItem} />
        ) : (
          <CompareResult comparison={result} video={videos.find((v) => v.id === result.video_id)} jobActive={active} headingLevel={3} />
        ))}
    </section>
  );
}
