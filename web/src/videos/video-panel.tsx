import { useCallback } from 'react';
import type { VideoRecord } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { usePlayer } from './player-context.js';
import { UploadZone } from './upload-zone.js';
import type { VideosState } from './use-videos.js';
import { useUploads } from './use-uploads.js';
import { VideoList } from './video-list.js';

/** Upload, list, play and delete videos; sample videos for newcomers. */
export function VideoPanel({ state }: { state: VideosState }) {
  const player = usePlayer();
  const onUploaded = useCallback((video: VideoRecord) => state.added([video]), [state.added]);
  const uploads = useUploads(onUploaded);

  const onDelete = (video: VideoRecord) => {
    if (!window.confirm(`Delete ${video.filename}? Its file is removed from the server.`)) return;
    if (player.selectedId === video.id) player.select(null);
    void state.remove(video.id);
  };

  return (
    <section className="panel" aria-labelledby="videos-heading">
      <div className="panel__head">
        <h2 id="videos-heading">Videos</h2>
        <button type="button" className="button button--secondary button--small" onClick={() => void state.addSamples()} disabled={state.addingSamples}>
          {state.addingSamples ? 'Adding samples…' : 'Add sample videos'}
        </button>
      </div>
      <UploadZone entries={uploads.entries} onFiles={uploads.upload} onDismiss={uploads.dismiss} />
      {state.error && <Notice kind="error">{state.error}</Notice>}
      {!state.loading && state.videos.length === 0 && (
        <p className="empty">
          No videos yet. Upload your own, or press <strong>Add sample videos</strong> for two short test clips with known cuts and silences.
        </p>
      )}
      <VideoList videos={state.videos} selectedId={player.selectedId} onSelect={player.select} onDelete={onDelete} />
    </section>
  );
}
