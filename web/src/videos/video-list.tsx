import { mediaUrls } from '../api/client.js';
import type { VideoRecord } from '../api/types.js';
import { formatBytes, formatDuration, formatTime } from '../components/format.js';

interface VideoListProps {
  videos: VideoRecord[];
  selectedId: string | null;
  onSelect(id: string): void;
  onDelete(video: VideoRecord): void;
}

/** The stored videos, compact: thumbnail, name, duration, upload time; play or delete each. */
export function VideoList({ videos, selectedId, onSelect, onDelete }: VideoListProps) {
  return (
    <ul className="video-list" aria-label="Stored videos">
      {videos.map((video) => {
        const selected = video.id === selectedId;
        return (
          <li key={video.id} className={`video-item${selected ? ' video-item--selected' : ''}`} data-video-id={video.id}>
            <button
              type="button"
              className="video-item__main"
              onClick={() => onSelect(video.id)}
              aria-pressed={selected}
              aria-label={`Play ${video.filename}`}
              title={video.filename}
            >
              <img className="video-item__thumb" src={mediaUrls.thumbnail(video.id)} alt="" loading="lazy" width={64} height={36} />
              <span className="video-item__text">
                <span className="video-item__name">{video.filename}</span>
                <span className="video-item__meta">
                  <span className="video-item__duration">{formatDuration(video.duration_s)}</span>
                  {' · '}
                  {formatBytes(video.size)}
                  {video.has_audio ? '' : ' · no audio'}
                  {' · '}
                  <time dateTime={video.created_at}>{formatTime(video.created_at)}</time>
                </span>
              </span>
            </button>
            <button
              type="button"
              className="icon-button icon-button--danger"
              onClick={() => onDelete(video)}
              aria-label={`Delete ${video.filename}`}
              title="Delete"
            >
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
