import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { OtherView, useAppView, ViewTabs } from './arena/app-views.js';
import { getToken, isTokenRequired, setToken, subscribeToken } from './api/auth-token.js';
import type { AnyJobEvent } from './api/types.js';
import { TokenDialog } from './components/token-dialog.js';
import { WorkerCount } from './components/worker-count.js';
import { ComposePanel } from './compose/compose-panel.js';
import { useCatalogue } from './compose/use-catalogue.js';
import { JobsPanel } from './jobs/jobs-panel.js';
import { useJobs } from './jobs/use-jobs.js';
import { ResultsPanel } from './results/results-panel.js';
import { PlayerProvider, usePlayer } from './videos/player-context.js';
import { useVideos } from './videos/use-videos.js';
import { VideoPanel } from './videos/video-panel.js';
import { VideoPlayer } from './videos/video-player.js';

const jobHash = /^#job=([A-Za-z0-9_-]+)$/;

function jobFromHash(): string | null {
  return jobHash.exec(window.location.hash)?.[1] ?? null;
}

/** The opened job lives in the URL (#job=…), so a reload or a shared link reopens it. */
function useOpenJob(): [string | null, (id: string | null) => void] {
  const [openJobId, setOpenJobId] = useState<string | null>(jobFromHash);
  useEffect(() => {
    const onHash = () => setOpenJobId(jobFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const open = useCallback((id: string | null) => {
    setOpenJobId(id);
    const url = id ? `#job=${id}` : window.location.pathname + window.location.search;
    window.history.replaceState(null, '', url);
  }, []);
  return [openJobId, open];
}

function Workspace() {
  const videos = useVideos();
  const catalogue = useCatalogue();
  const player = usePlayer();
  const [openJobId, openJob] = useOpenJob();
  const [revision, setRevision] = useState(0);
  const openRef = useRef(openJobId);
  openRef.current = openJobId;

  const onEvent = useCallback(
    (event: AnyJobEvent) => {
      if (event.data.job_id !== openRef.current) return;
      if (event.type === 'deleted') openJob(null);
      else if (event.type === 'model_result' || event.type === 'evaluation') setRevision((r) => r + 1);
    },
    [openJob],
  );
  const jobs = useJobs(onEvent);

  const onStarted = (jobId: string) => {
    jobs.track(jobId);
    openJob(jobId);
  };

  return (
    <div className="layout">
      <aside className="layout__side" aria-label="Videos and jobs">
        <VideoPlayer videos={videos.videos} />
        <VideoPanel state={videos} />
        <JobsPanel state={jobs} videos={videos.videos} openJobId={openJobId} onOpen={openJob} onDeleted={(id) => id === openJobId && openJob(null)} />
      </aside>
      <div className="layout__main">
        <ComposePanel catalogue={catalogue} videos={videos.videos} preferredVideoId={player.selectedId} onStarted={onStarted} />
        {openJobId && (
          <ResultsPanel
            jobId={openJobId}
            job={jobs.jobs.find((j) => j.job_id === openJobId)}
            videos={videos.videos}
            revision={revision}
            onClose={() => openJob(null)}
          />
        )}
      </div>
    </div>
  );
}

/** The whole page: header, the workspace, and the token prompt when the server asks for one. */
export function App() {
  const tokenRequired = useSyncExternalStore(subscribeToken, isTokenRequired);
  const token = useSyncExternalStore(subscribeToken, getToken);
  const view = useAppView();
  return (
    <PlayerProvider>
      <a className="skip-link" href="#workspace">
        Skip to the workspace
      </a>
      <header className="topbar">
        <h1 className="topbar__title">
          vidcompare <span className="topbar__tagline">compare video-understanding models side by side</span>
        </h1>
        <ViewTabs view={view} />
        <nav className="topbar__links" aria-label="Links">
          <WorkerCount key={token ?? 'no-token'} />
          <a href="/docs" target="_blank" rel="noopener noreferrer">
            API docs
          </a>
          {token && (
            <button type="button" className="button button--ghost button--small" onClick={() => setToken(null)}>
              Forget token
            </button>
          )}
        </nav>
      </header>
      <main id="workspace">
        {/* remounting refetches everything with the new token */}
        {view === 'compare' ? <Workspace key={token ?? 'no-token'} /> : <OtherView key={`${view}-${token ?? 'no-token'}`} view={view} />}
      </main>
      {tokenRequired && <TokenDialog onSubmit={setToken} />}
    </PlayerProvider>
  );
}
