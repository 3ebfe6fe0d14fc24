import { useEffect, useRef, useState } from 'react';
import { api, describeError } from '../api/client.js';
import { isBatchResult, type JobResult, type JobView, type VideoRecord } from '../api/types.js';
import { formatEta } from '../components/format.js';
import { Notice } from '../components/notice.js';
import { reveal } from '../components/reveal.js';
import { BatchResult } from './batch-result.js';
import { CompareResult } from './compare-result.js';
import { ExportLinks } from './export-links.js';

interface ResultsPanelProps {
  jobId: string;
  /** the job as the jobs list knows it (live progress) */
  job: JobView | undefined;
  videos: VideoRecord[];
  /** bumped when an event says the job's stored results changed */
  revision: number;
  onClose(): void;
}

/** The opened job's results, refreshed as answers and scores arrive. */
export function ResultsPanel({ jobId, job, videos, revision, onClose }: ResultsPanelProps) {
  const [result, setResult] = useState<JobResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = job?.status;
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    setResult(null);
    setError(null);
    // a job just started or opened: bring its results into view (on a phone they are far down)
    reveal(panel.current, 'start');
  }, [jobId]);

  useEffect(() => {
    let live = true;
    api
      .partialResult(jobId)
      .then((r) => {
        if (!live) return;
        setResult(r ?? null);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [jobId, revision, status]);

  const active = status === 'pending' || status === 'running';
  const eta = active ? formatEta(job?.eta_seconds) : null;
  return (
    <section ref={panel} className="panel results" aria-labelledby="results-heading" data-job-id={jobId}>
      <div className="panel__head">
        <h2 id="results-heading">Results</h2>
        <span className="results__actions">
          <ExportLinks jobId={jobId} />
          <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close the results">
            Close
          </button>
        </span>
      </div>
      {job && (
        <p className="results__status" aria-live="polite">
          <span className={`badge badge--${job.status}`}>{job.status}</span> {job.progress_message}
          {eta ? ` · ${eta}` : ''}
        </p>
      )}
      {job?.error && <Notice kind="error">{job.error}</Notice>}
      {error && <Notice kind="error">Could not load the results: {error}</Notice>}
      {!result && !error && <p className="muted">Loading…</p>}
      {result &&
        (isBatchResult(result) ? (
          <BatchResult result={result} videos={videos} jobActive={active} />
        ) : (
          <CompareResult comparison={result} video={videos.find((v) => v.id === result.video_id)} jobActive={active} />
        ))}
    </section>
  );
}
