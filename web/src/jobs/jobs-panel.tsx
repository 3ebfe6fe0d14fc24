import { useMemo } from 'react';
import type { VideoRecord } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { useNow } from '../components/use-now.js';
import { summarizePhases } from './job-phases.js';
import { JobRow } from './job-row.js';
import { jobTitle } from './job-title.js';
import type { JobsState } from './use-jobs.js';

interface JobsPanelProps {
  state: JobsState;
  videos: VideoRecord[];
  openJobId: string | null;
  onOpen(jobId: string): void;
  onDeleted(jobId: string): void;
  /** folded to a narrow rail (wide screens) */
  collapsed: boolean;
  onToggleCollapsed(): void;
}

const streamLabel = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' } as const;

/** Every job with live progress and what it waits on; jobs run on the server whether or not this page is open. */
export function JobsPanel({ state, videos, openJobId, onOpen, onDeleted, collapsed, onToggleCollapsed }: JobsPanelProps) {
  const videoMap = useMemo(() => new Map(videos.map((v) => [v.id, v])), [videos]);
  const activeCount = state.jobs.filter((j) => j.status === 'pending' || j.status === 'running').length;
  const nowMs = useNow(activeCount > 0 && !collapsed);
  const onDelete = (jobId: string, title: string) => {
    if (!window.confirm(`Delete the job “${title}” and its results?`)) return;
    void state.remove(jobId).then(() => onDeleted(jobId));
  };
  if (collapsed) {
    return (
      <button type="button" className="jobs-rail" aria-expanded="false" aria-controls="jobs-panel" onClick={onToggleCollapsed}>
        <span className="jobs-rail__label">Jobs</span>
        {activeCount > 0 && <span className="count">{activeCount} running</span>}
      </button>
    );
  }
  return (
    <section id="jobs-panel" className="panel jobs-panel" aria-labelledby="jobs-heading">
      <div className="panel__head">
        <h2 id="jobs-heading">
          Jobs {activeCount > 0 && <span className="count">{activeCount} running</span>}
        </h2>
        <span className="jobs-panel__tools">
          <span className={`stream stream--${state.stream}`} title="Live updates from the server">
            <span className="stream__dot" aria-hidden="true" /> {streamLabel[state.stream]}
          </span>
          <button type="button" className="icon-button jobs-panel__fold" aria-expanded="true" aria-controls="jobs-panel" aria-label="Fold the jobs column" onClick={onToggleCollapsed}>
            <span aria-hidden="true">⟩</span>
          </button>
        </span>
      </div>
      <p className="hint">Jobs keep running on the server when you close this page; they appear here again when you come back.</p>
      {state.error && <Notice kind="error">{state.error}</Notice>}
      {state.loaded && state.jobs.length === 0 && <p className="empty">No jobs yet. Start a comparison.</p>}
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
              phase={summarizePhases(state.phases[job.job_id])}
              nowMs={nowMs}
              onOpen={() => onOpen(job.job_id)}
              onOpenSource={job.rejudge_of ? () => onOpen(job.rejudge_of!) : undefined}
              onCancel={() => void state.cancel(job.job_id)}
              onDelete={() => onDelete(job.job_id, title)}
            />
          );
        })}
      </ul>
    </section>
  );
}
