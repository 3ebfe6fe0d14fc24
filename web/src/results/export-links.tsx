import { mediaUrls } from '../api/client.js';

/** Download links for a job's results (one row per video × prompt × model). */
export function ExportLinks({ jobId }: { jobId: string }) {
  return (
    <nav className="exports" aria-label="Export results">
      <span className="muted">Export:</span>
      {(['csv', 'json', 'html'] as const).map((format) => (
        <a key={format} className="button button--small button--secondary" href={mediaUrls.export(jobId, format)} download>
          {format.toUpperCase()}
        </a>
      ))}
    </nav>
  );
}
