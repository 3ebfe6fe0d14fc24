import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MediaTools } from '../../media-tools.js';
import { runTool } from '../../run-tool.js';

/** 3.4 s of synthetic English speech (espeak-ng, rendered once, silences trimmed), 8 KB of Opus */
export const speechFile = join(dirname(fileURLToPath(import.meta.url)), 'speech.ogg');

/**
 * The soundtrack of the speech video, in order: silence, speech, silence,
 * a melody of pure tones with a second voice (music, not speech), pink noise.
 */
export const speechVideoTruth = {
  speech: { start_s: 2, end_s: 5.4 },
  music: { start_s: 6.5, end_s: 10.5 },
  noise: { start_s: 10.5, end_s: 12 },
  duration_s: 12,
};

/** Renders a 12 s video (a flat picture) whose sound is laid out as in `speechVideoTruth`. */
export async function generateSpeechVideo(path: string, tools: MediaTools): Promise<void> {
  const melody = "aevalsrc='0.25*sin(2*PI*220*pow(2\\,mod(floor(t*3)\\,8)/12)*t)+0.15*sin(2*PI*330*pow(2\\,mod(floor(t*2)\\,5)/12)*t)':s=16000:d=4";
  const graph = [
    'anullsrc=r=16000:cl=mono,atrim=duration=2[lead]',
    '[1:a]aresample=16000,aformat=channel_layouts=mono,apad,atrim=duration=4.5[speech]',
    `${melody}[music]`,
    'anoisesrc=d=1.5:c=pink:a=0.2:r=16000[noise]',
    '[lead][speech][music][noise]concat=n=4:v=0:a=1[a]',
  ].join(';');
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'color=c=0x223344:s=320x180:r=10:d=12',
    '-i', speechFile,
    '-filter_complex', graph, '-map', '0:v', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-t', '12', path,
  ]);
}
