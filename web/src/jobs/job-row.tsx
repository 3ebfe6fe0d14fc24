import type { JobView } from '../api/types.js';
import { formatEta, formatTime } from '../components/format.js';
import { formatElapsed, type PhaseSummary } from './job-phases.js';

interface JobRowProps {
  job: JobView;
  title: string;
  open: boolean;
  /** why the job is waiting right now, if it is */
  notice?: string;
  /** what the job is doing right now, from its work units' phases */
  phase: PhaseSummary | null;
  nowMs: number;
  onOpen(): void;
  /** a re-judging job: opens the job whose answers it judged again */
  onOpenSource?: () => void;
  onCancel(): void;
  onDelete(): void;
}

const statusLabel: Record<JobView['status'], string> = {
  pending: 'pending',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** One job: status, live progress bar with its message and ETA, and its actions. */
export function JobRow({ job, title, open, notice, phase, nowMs, onOpen, onOpenSource, onCancel, onDelete }: JobRowProps) {
  const active = job.status === 'pending' || job.status === 'running';
  const eta = active ? formatEta(job.eta_seconds) : null;
  // a pending job waits its turn; a running one says what its work units wait on
  const now: PhaseSummary | null =
    job.status === 'pending' ? { text: 'Queued: waiting to start', since: job.created_at, waiting: true } : job.status === 'running' ? phase : null;
  return (
    <li className={`job${open ? ' job--open' : ''}`} data-job-id={job.job_id} data-status={job.status} aria-current={open ? 'true' : undefined}>
      <div className="job__head">
        <span className={`badge badge--${job.status}`} data-testid="job-status">
          {statusLabel[job.status]}
        </span>
        <span className="job__title" title={title}>
          {title}
        </span>
      </div>
      <div className="job__progress">
        <div
          className="bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(job.progress)}
          aria-label={`Progress of ${title}`}
        >
          <div className={`bar__fill bar__fill--${job.status}`} style={{ width: `${Math.min(100, Math.max(0, job.progress))}%` }} />
        </div>
        <span className="job__percent">{Math.round(job.progress)}%</span>
      </div>
      <p className="job__message">
        {job.progress_message}
        {eta ? ` · ${eta}` : ''}
      </p>
      {now && (
        <p className={`job__phase${now.waiting ? ' job__phase--waiting' : ''}`} data-testid="job-phase">
          {now.text} · <span className="job__elapsed">{formatElapsed(now.since, nowMs)}</span>
        </p>
      )}
      {notice && active && (
        <p className="job__notice" role="status" data-testid="job-notice">
          {notice}
        </p>
      )}
      {job.rejudge_of && onOpenSource && (
        <p className="job__message" data-testid="job-rejudge-of">
          Judged again from{' '}
          <button type="button" className="button button--ghost button--small" onClick={onOpenSource} aria-label={`Open the source job ${job.rejudge_of}`}>
            job {job.rejudge_of.slice(0, 8)}
          </button>
        </p>
      )}
      {job.error && <p className="job__error">{job.error}</p>}
      <div className="job__foot">
        <span className="muted">{formatTime(job.created_at)}</span>
        <span className="job__actions">
          <button type="button" className="button button--small button--secondary" onClick={onOpen} aria-label={`Open results of ${title}`}>
            Open
          </button>
          {active && (
            <button type="button" className="button button--small button--warning" onClick={onCancel} aria-label={`Cancel ${title}`}>
              Cancel
            </button>
          )}
          <button type="button" className="button button--small button--danger-ghost" onClick={onDelete} aria-label={`Delete ${title}`}>
            Delete
          </button>
        </span>
      </div>
    </li>
  );
}
