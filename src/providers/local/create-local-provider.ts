import type { MediaFacts } from '../../domain/index.js';
import type { GenerateRequest, GenerateResult, VideoAsset, VideoProvider } from '../provider.js';
import { throwIfAborted, untilAborted } from '../../core/abort.js';
import { CancelledError, isCancellation, ProviderError } from '../../core/provider-error.js';
import { isLocalAnalyzerId, localAnalyzerIds, readsText } from './local-analyzers.js';
import { writeLocalAnswer } from './write-local-answer.js';

const provider = 'local';

const localCancelled = () => new CancelledError('Local analysis cancelled');

/** The video's measured facts; a failed measurement becomes a non-retryable ProviderError. */
async function measuredFacts(video: VideoAsset, signal: AbortSignal): Promise<MediaFacts> {
  try {
    return await untilAborted(video.facts(signal), signal, localCancelled);
  } catch (error) {
    if (isCancellation(error) || signal.aborted) throw new CancelledError('Local analysis cancelled');
    if (error instanceof ProviderError) throw error;
    throw new ProviderError(`Could not measure video ${video.record.id}: ${error instanceof Error ? error.message : String(error)}`, {
      provider,
      isRetryable: false,
      cause: error,
    });
  }
}

function ignoredSettings(request: GenerateRequest): string[] {
  const warnings: string[] = [];
  const params = Object.keys(request.params ?? {});
  if (params.length > 0) warnings.push(`Local analyzers ignore params (${params.sort().join(', ')}): they answer from ffmpeg measurements.`);
  if (request.system) warnings.push('Local analyzers ignore the system instruction.');
  if (request.responseJsonSchema) warnings.push('Local analyzers ignore responseJsonSchema: they always answer in markdown.');
  return warnings;
}

/**
 * The built-in, offline analyzers (family `local`): no key, no network,
 * deterministic. `provider_model` picks the analyzer: full, shots, audio or look.
 *
 * @throws ProviderError (not retryable) for an unknown analyzer, a missing video or facts that cannot be measured
 * @throws CancelledError when the request's signal is aborted
 */
export function createLocalProvider(): VideoProvider {
  return {
    specificationVersion: 'v1',
    family: 'local',
    availability: () => ({ available: true }),
    // measuring runs ffmpeg for a while: the job does it before taking a model place, and generate finds the facts cached
    // reading on-screen text (OCR) too: it is shared and cached per video, and is not the analyzer's answering time
    async prepare(video, signal, options) {
      await measuredFacts(video, signal);
      const analyzer = options.model.provider_model;
      if (isLocalAnalyzerId(analyzer) && readsText.has(analyzer) && video.onScreenText) await video.onScreenText(signal);
      return { family: 'local', video, payload: undefined };
    },
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      throwIfAborted(request.signal, localCancelled);
      const analyzer = request.model.provider_model;
      if (!isLocalAnalyzerId(analyzer)) {
        throw new ProviderError(
          `Unknown local analyzer "${analyzer}" (model ${request.model.id}); expected one of ${localAnalyzerIds.join(', ')}`,
          { provider, statusCode: 400, isRetryable: false },
        );
      }
      const video = request.video;
      if (!video) {
        throw new ProviderError(`Local analyzer "${analyzer}" needs a video: it answers from measurements of one`, {
          provider,
          statusCode: 400,
          isRetryable: false,
        });
      }
      if (analyzer === 'text' && !video.onScreenText) {
        throw new ProviderError(`Local analyzer "text" needs an OCR reader, and none is set up for video ${video.record.id}`, {
          provider,
          statusCode: 400,
          isRetryable: false,
        });
      }
      let facts = await measuredFacts(video, request.signal);
      if (readsText.has(analyzer) && video.onScreenText) {
        facts = { ...facts, on_screen_text: await video.onScreenText(request.signal) };
      }
      throwIfAborted(request.signal, localCancelled);
      return {
        text: writeLocalAnswer({ analyzer, facts, prompt: request.prompt }),
        usage: { input_tokens: null, output_tokens: null, thinking_tokens: null },
        warnings: ignoredSettings(request),
      };
    },
  };
}
