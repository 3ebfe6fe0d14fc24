import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';

/** Absolute paths of the ffmpeg and ffprobe binaries the application runs. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

/**
 * The binaries shipped by the npm installer packages, unless `FFMPEG_PATH` /
 * `FFPROBE_PATH` name others (e.g. a newer system ffmpeg).
 */
export function resolveMediaTools(env: { FFMPEG_PATH?: string; FFPROBE_PATH?: string }): MediaTools {
  return {
    ffmpeg: env.FFMPEG_PATH || ffmpegInstaller.path,
    ffprobe: env.FFPROBE_PATH || ffprobeInstaller.path,
  };
}
