import { useMemo } from 'react';
import type { VideoRecord } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { JobRow } from './job-row.js';
import { jobTitle } from './job-title.js';
import type { JobsState } from './use-jobs.js';

interface JobsPanelProps {
  state: JobsState;
  videos: VideoRecord[];
  openJobId: string | null;
  onOpen(jobId: string): void;
  onDeleted(jobId: string): void;
}

const streamLabel = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' } as const;

/** Every job with live progress; jobs run on the server whether or not this page is open. */
export function JobsPanel({ state, videos, openJobId, onOpen, onDeleted }: JobsPanelProps) {
  const videoMap = useMemo(() => new Map(videos.map((v) => [v.id, v])), [videos]);
  const onDelete = (jobId: string, title: string) => {
    if (!window.confirm(`Delete the job “${title}” and its results?`)) return;
    void state.remove(jobId).then(() => onDeleted(jobId));
  };
  return (
    <section className="panel" aria-labelledby="jobs-heading">
      <div className="panel__head">
        <h2 id="jobs-heading">Jobs</h2>
        <span className={`stream stream--${state.stream}`} title="Live updates from the server">
          <span className="stream__dot" aria-hidden="true" /> {streamLabel[state.stream]}
        </span>
      </div>
      <p className="hint">Jobs keep running on the server when you close this page; they appear here again when you come back.</p>
      {state.error && <Notice kind="error">{state.error}</Notice>}
      {state.loaded && state.jobs.length === 0 && <p className="empty">No jobs yet. Start a comparison above.</p>}
      <ul className="jobs" aria-label="Jobs">
        {state.jobs.map((job) => {
          const title = jobTitle(job, videoMap);
          return (
            <JobRow
              key={job.job_id}
              job={job}
              title={title}
              open={job.job_id === openJobId}
              notice={state.notices[job.job_id]}
              onOpen={() => onOpen(job.job_id)}
              onCancel={() => void state.cancel(job.job_id)}
              onDelete={() => onDelete(job.job_id, title)}
            />
          );
        })}
      </ul>
    </section>
  );
}
