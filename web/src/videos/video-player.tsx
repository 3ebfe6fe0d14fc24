import { mediaUrls } from '../api/client.js';
import type { VideoRecord } from '../api/types.js';
import { formatDuration } from '../components/format.js';
import { Timeline, type TimelineAnswer } from '../timeline/timeline.js';
import { usePlayer } from './player-context.js';

interface VideoPlayerProps {
  videos: VideoRecord[];
  /** answers about the video in the player (the open result), drawn on the timeline */
  answersFor?: { videoId: string; answers: TimelineAnswer[] } | null;
}

/** The HTML5 player for the selected video and, under it, the timeline of measured and cited moments. */
export function VideoPlayer({ videos, answersFor }: VideoPlayerProps) {
  const player = usePlayer();
  const video = videos.find((v) => v.id === player.selectedId);
  if (!video) return null;
  const answers = answersFor?.videoId === video.id ? answersFor.answers : [];
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
      <div className="player__body">
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
          {video.width && video.height ? ` · ${video.width}×${video.height}` : ''}
          {video.fps ? ` · ${Math.round(video.fps * 100) / 100} fps` : ''}
          {video.video_codec ? ` · ${video.video_codec}` : ''}
          {video.audio_codec ? `/${video.audio_codec}` : ''}. Timestamps in answers and on the timeline jump here.
        </p>
      </div>
      <Timeline key={video.id} videoId={video.id} durationS={video.duration_s} answers={answers} />
    </section>
  );
}
