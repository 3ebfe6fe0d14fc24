import { useCallback, useId, useState } from 'react';
import type { VideoRecord } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { usePlayer } from './player-context.js';
import { UploadZone } from './upload-zone.js';
import type { VideosState } from './use-videos.js';
import { useUploads } from './use-uploads.js';
import { VideoList } from './video-list.js';

/** Upload, search, list, play and delete videos; sample videos for newcomers. */
export function VideoPanel({ state }: { state: VideosState }) {
  const player = usePlayer();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const onUploaded = useCallback((video: VideoRecord) => state.added([video]), [state.added]);
  const uploads = useUploads(onUploaded);

  const onDelete = (video: VideoRecord) => {
    if (!window.confirm(`Delete ${video.filename}? Its file is removed from the server.`)) return;
    if (player.selectedId === video.id) player.select(null);
    void state.remove(video.id);
  };
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = state.videos.filter((v) => words.every((w) => v.filename.toLowerCase().includes(w)));

  return (
    <section className="panel library" aria-labelledby="videos-heading">
      <div className="panel__head">
        <h2 id="videos-heading">
          Videos {state.videos.length > 0 && <span className="count">{state.videos.length}</span>}
        </h2>
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
      {state.videos.length > 0 && (
        <div className="library__search">
          <label htmlFor={searchId} className="visually-hidden">
            Search videos by name
          </label>
          <input id={searchId} type="search" placeholder="Search by name…" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
      )}
      {words.length > 0 && shown.length === 0 && <p className="empty">No video name contains “{query.trim()}”.</p>}
      <VideoList videos={shown} selectedId={player.selectedId} onSelect={player.select} onDelete={onDelete} />
    </section>
  );
}
