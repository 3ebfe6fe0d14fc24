import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isBatchResult, type AnyJobEvent, type CompareResponse } from './api/types.js';
import { ComposePanel } from './compose/compose-panel.js';
import { useCatalogue } from './compose/use-catalogue.js';
import { JobsPanel } from './jobs/jobs-panel.js';
import { useJobs } from './jobs/use-jobs.js';
import { displayName } from './results/answer-fields.js';
import { ResultsPanel } from './results/results-panel.js';
import { useJobResult } from './results/use-job-result.js';
import { SectionTabs, type Section } from './section-tabs.js';
import type { TimelineAnswer } from './timeline/timeline.js';
import { useOpenJob } from './use-open-job.js';
import { usePlayer } from './videos/player-context.js';
import { useVideos } from './videos/use-videos.js';
import { VideoPanel } from './videos/video-panel.js';
import { VideoPlayer } from './videos/video-player.js';

function timelineAnswers(comparison: CompareResponse | undefined): { videoId: string; answers: TimelineAnswer[] } | null {
  if (!comparison) return null;
  const answers = comparison.results
    .filter((r) => r.response && !r.error)
    .map((r) => ({ modelId: r.model_id, name: displayName(r), text: r.response! }));
  return { videoId: comparison.video_id, answers };
}

/** Library, compose, the open result with its player and timeline, and the jobs: the comparing workspace. */
export function CompareView() {
  const videos = useVideos();
  const catalogue = useCatalogue();
  const player = usePlayer();
  const [openJobId, openJob] = useOpenJob();
  const [revision, setRevision] = useState(0);
  const [section, setSection] = useState<Section>(openJobId ? 'result' : 'compose');
  const [jobsCollapsed, setJobsCollapsed] = useState(false);
  const [batchItem, setBatchItem] = useState<number | null>(null);
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
  const openJobView = jobs.jobs.find((j) => j.job_id === openJobId);
  const resultState = useJobResult(openJobId, revision, openJobView?.status);
  const result = resultState.result;
  const focused = result ? (isBatchResult(result) ? result.comparisons.find((c) => c.item_index === batchItem) : result) : undefined;
  const answersFor = useMemo(() => timelineAnswers(focused), [focused]);

  useEffect(() => setBatchItem(null), [openJobId]);
  // the result is about one video: show it in the player, with the answers on its timeline
  const focusedVideo = focused?.video_id;
  const focusedVideoKnown = focusedVideo !== undefined && videos.videos.some((v) => v.id === focusedVideo);
  useEffect(() => {
    if (focusedVideo && focusedVideoKnown) player.select(focusedVideo);
    // only when the focused comparison changes (or its video arrives), not on every library refresh
  }, [focusedVideo, focusedVideoKnown, openJobId]);

  const open = (jobId: string) => {
    openJob(jobId);
    setSection('result');
  };
  const onStarted = (jobId: string) => {
    jobs.track(jobId);
    open(jobId);
  };
  const running = jobs.jobs.filter((j) => j.status === 'pending' || j.status === 'running').length;

  return (
    <div className={`workspace workspace--on-${section}${jobsCollapsed ? ' workspace--jobs-folded' : ''}`}>
      <SectionTabs
        current={section}
        onChange={(next) => {
          setSection(next);
          if (next === 'jobs') setJobsCollapsed(false);
        }} runningJobs={running} hasResult={openJobId !== null} />
      <div className="workspace__library" data-section="compose">
        <VideoPanel state={videos} />
      </div>
      <div className="workspace__main">
        <div data-section={openJobId ? 'result' : 'compose'}>
          <VideoPlayer videos={videos.videos} answersFor={answersFor} />
        </div>
        <div data-section="result">
          {openJobId ? (
            <ResultsPanel
              jobId={openJobId}
              job={openJobView}
              videos={videos.videos}
              state={resultState}
              selectedItem={batchItem}
              onSelectItem={setBatchItem}
              onClose={() => openJob(null)}
              playerReady={focusedVideo !== undefined && player.selectedId === focusedVideo}
              models={catalogue.models?.details ?? null}
              onStarted={onStarted}
            />
          ) : (
            <p className="empty section-empty">No result open. Run a comparison, or open a job from the Jobs list.</p>
          )}
        </div>
        <div data-section="compose">
          <ComposePanel catalogue={catalogue} videos={videos.videos} preferredVideoId={player.selectedId} onStarted={onStarted} />
        </div>
      </div>
      <div className="workspace__jobs" data-section="jobs">
        <JobsPanel
          state={jobs}
          videos={videos.videos}
          openJobId={openJobId}
          onOpen={open}
          onDeleted={(id) => id === openJobId && openJob(null)}
          collapsed={jobsCollapsed}
          onToggleCollapsed={() => setJobsCollapsed((c) => !c)}
        />
      </div>
    </div>
  );
}
