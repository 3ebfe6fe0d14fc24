import { mediaUrls } from '../api/client.js';
import type { VideoRecord } from '../api/types.js';
import { formatBytes, formatDuration } from '../components/format.js';

interface VideoListProps {
  videos: VideoRecord[];
  selectedId: string | null;
  onSelect(id: string): void;
  onDelete(video: VideoRecord): void;
}

/** The stored videos: thumbnail, name, duration, size; play or delete each. */
export function VideoList({ videos, selectedId, onSelect, onDelete }: VideoListProps) {
  return (
    <ul className="video-list" aria-label="Stored videos">
      {videos.map((video) => {
        const selected = video.id === selectedId;
        return (
          <li key={video.id} className={`video-item${selected ? ' video-item--selected' : ''}`}>
            <button
              type="button"
              className="video-item__main"
              onClick={() => onSelect(video.id)}
              aria-pressed={selected}
              aria-label={`Play ${video.filename}`}
            >
              <img className="video-item__thumb" src={mediaUrls.thumbnail(video.id)} alt="" loading="lazy" width={96} height={54} />
              <span className="video-item__text">
                <span className="video-item__name" title={video.filename}>
                  {video.filename}
                </span>
                <span className="video-item__meta">
                  {formatDuration(video.duration_s)} · {formatBytes(video.size)}
                  {video.width && video.height ? ` · ${video.width}×${video.height}` : ''}
                  {video.has_audio ? '' : ' · no audio'}
                </span>
              </span>
            </button>
            <button
              type="button"
              className="button button--small button--danger-ghost"
              onClick={() => onDelete(video)}
              aria-label={`Delete ${video.filename}`}
            >
              Delete
            </button>
          </li>
        );
      })}
    </ul>
  );
}
