import { mediaUrls } from '../api/client.js';
import type { VideoRecord } from '../api/types.js';
import { formatDuration } from '../components/format.js';
import { usePlayer } from './player-context.js';

/** The HTML5 player for the selected video; answers' timestamps seek it. */
export function VideoPlayer({ videos }: { videos: VideoRecord[] }) {
  const player = usePlayer();
  const video = videos.find((v) => v.id === player.selectedId);
  if (!video) return null;
  return (
    <section className="panel player" aria-labelledby="player-heading">
      <div className="panel__head">
        <h2 id="player-heading" className="player__title" title={video.filename}>
          {video.filename}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={() => player.select(null)} aria-label="Close the player">
          Close
        </button>
      </div>
      <video
        key={video.id}
        ref={player.attach}
        className="player__video"
        src={mediaUrls.video(video.id)}
        controls
        preload="metadata"
        playsInline
        aria-label={`Video player: ${video.filename}`}
        data-video-id={video.id}
      />
      <p className="player__meta">
        {formatDuration(video.duration_s)}
        {video.fps ? ` · ${Math.round(video.fps * 100) / 100} fps` : ''}
        {video.video_codec ? ` · ${video.video_codec}` : ''}
        {video.audio_codec ? `/${video.audio_codec}` : ''}. Timestamps in answers jump here.
      </p>
    </section>
  );
}
