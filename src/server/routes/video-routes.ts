import { Readable } from 'node:stream';
import type {} from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { VideoRecord } from '../../domain/index.js';
import { formatBytes } from '../../domain/format-bytes.js';
import { withCurrentText } from '../../videos/ocr/on-screen-text-cache.js';
import type { VideoLibrary } from '../../videos/video-library.js';
import { videoView } from '../../videos/video-view.js';
import { isClientDisconnect } from '../error-causes.js';
import { describeZodError } from '../error-handler.js';
import { badRequest, conflict, gone, HttpError, notFound, payloadTooLarge } from '../../core/http-errors.js';
import { tokenInQueryRoute } from '../security/route-access.js';

export interface VideoRouteDeps {
  library: VideoLibrary;
  /** true while an unfinished job uses the video (it cannot be deleted then) */
  isVideoInUse(id: string): Promise<boolean>;
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const errorResponse = { type: 'object', properties: { detail: { type: 'string' }, code: { type: 'string' } } } as const;
const videoRecordSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    filename: { type: 'string' },
    size: { type: 'integer' },
    content_type: { type: 'string' },
    duration_s: { type: 'number' },
    width: { type: ['integer', 'null'] },
    height: { type: ['integer', 'null'] },
    fps: { type: ['number', 'null'] },
    has_audio: { type: 'boolean' },
    video_codec: { type: ['string', 'null'] },
    audio_codec: { type: ['string', 'null'] },
    sha256: { type: 'string' },
    created_at: { type: 'string' },
    duplicate_of: { type: 'string', description: 'set when the upload matched a stored video byte for byte: that video is returned, nothing new is stored' },
  },
} as const;
const videoListSchema = { type: 'object', properties: { videos: { type: 'array', items: videoRecordSchema } } } as const;
const tags = ['videos'];
/** `?text=1` reads the on-screen text when it has not been read yet */
const factsQuery = z.object({ text: z.enum(['0', '1', 'false', 'true']).optional().transform((value) => value === '1' || value === 'true') });
/** room for multipart boundaries, part headers and small fields around the file */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/**
 * Buffer per multipart part. busboy stalls for good (no answer, the socket
 * held) when a part it skips, such as one without Content-Disposition, gets
 * more than its buffer in one go; socket chunks are at most 64 KB, so 1 MB
 * keeps a skipped part from ever filling it.
 */
const PART_BUFFER_BYTES = 1024 * 1024;

/** Upload, list, stream (with Range), inspect and delete videos. */
export function registerVideoRoutes(app: FastifyInstance, deps: VideoRouteDeps): void {
  const { library } = deps;

  const requireVideo = async (id: string): Promise<VideoRecord> => {
    const record = await library.get(id);
    if (!record) throw notFound(`Video ${id} not found`);
    return record;
  };
  /** the record, when its file is still there too */
  const requireVideoFile = async (id: string): Promise<VideoRecord> => {
    const record = await requireVideo(id);
    if (!(await library.hasFile(id))) {
      throw gone(`The file of video ${id} is missing from the data folder; delete the video and upload it again`);
    }
    return record;
  };

  app.post('/api/video/upload', {
    config: { multipart: true },
    schema: {
      tags,
      summary: 'Upload a video (multipart field "file"); it is probed, hashed and stored. The same bytes again return the stored video with `duplicate_of`',
      consumes: ['multipart/form-data'],
      response: { 200: videoRecordSchema, 400: errorResponse, 413: errorResponse, 415: errorResponse, 422: errorResponse },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest('Expected a multipart/form-data body with a "file" field');
    const tooLarge = () => {
      // the client may still be sending: read and discard the rest so it sees the 413
      // instead of a reset connection, and do not reuse the connection
      request.raw.unpipe();
      request.raw.resume();
      reply.header('Connection', 'close');
      return payloadTooLarge(`Upload is larger than the limit of ${formatBytes(library.maxUploadBytes)}`);
    };
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > library.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge();
    // one byte over the limit reaches the library, which refuses it
    const part = await request.file({ limits: { fileSize: library.maxUploadBytes + 1, files: 1 }, fileHwm: PART_BUFFER_BYTES }).catch((error: unknown) => {
      throw asMalformedMultipart(error);
    });
    if (!part) throw badRequest('The multipart body has no "file" field');
    if (part.fieldname !== 'file') throw badRequest(`Expected the video in a multipart field named "file", got "${part.fieldname}"`);
    let partError: unknown;
    part.file.once('error', (error) => (partError = error));
    try {
      return videoView(await library.ingest({ stream: part.file, filename: part.filename, contentType: part.mimetype }));
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const code = (error as { code?: string }).code;
      // the library's other 413s (duration, picture size) keep their own detail
      if ((status === 413 && code !== 'MEDIA_LIMIT_EXCEEDED') || code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      // the parser's error may surface as a premature close of the pipeline: the part's own error says why
      throw partError !== undefined && !request.socket.destroyed ? asMalformedMultipart(partError) : error;
    }
  });

  app.get('/api/videos', {
    schema: { tags, summary: 'List the stored videos, newest first', response: { 200: videoListSchema } },
  }, async () => ({ videos: (await library.list()).map(videoView) }));

  app.post('/api/videos/samples', {
    schema: { tags, summary: 'Generate and add the built-in sample videos (known cuts and silences)', response: { 200: videoListSchema } },
  }, async () => ({ videos: (await library.addSampleVideos()).map(videoView) }));

  app.get<{ Params: { id: string } }>('/api/video/:id', {
    config: tokenInQueryRoute,
    schema: {
      tags,
      summary: 'The video bytes; honours a single "Range: bytes=" request (206), so players can seek',
      params: idParams,
      produces: ['video/*'],
      response: { 404: errorResponse, 410: errorResponse, 416: errorResponse },
    },
  }, async (request, reply) => {
    const record = await requireVideoFile(request.params.id);
    const size = record.size;
    const range = parseRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${size}`);
      throw new HttpError(416, `Range ${request.headers.range} is outside the video's ${size} bytes`, 'RANGE_NOT_SATISFIABLE');
    }
    reply
      .header('Content-Type', record.content_type)
      .header('Accept-Ranges', 'bytes')
      .header('ETag', `"${record.sha256}"`)
      .header('X-Content-Type-Options', 'nosniff');
    if (range) {
      reply.status(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    }
    reply.header('Content-Length', range ? range.end - range.start + 1 : size);
    // HEAD (players probing the size) needs the headers only: do not open the file
    // (an empty stream, because an empty payload would reset Content-Length to 0)
    return reply.send(request.method === 'HEAD' ? Readable.from([]) : await library.openRead(record.id, range));
  });

  app.get<{ Params: { id: string } }>('/api/video/:id/metadata', {
    schema: { tags, summary: 'The stored metadata of a video', params: idParams, response: { 200: videoRecordSchema, 404: errorResponse } },
  }, async (request) => videoView(await requireVideo(request.params.id)));

  app.get<{ Params: { id: string } }>('/api/video/:id/thumbnail', {
    config: tokenInQueryRoute,
    schema: { tags, summary: 'A JPEG thumbnail, 320 px wide', params: idParams, produces: ['image/jpeg'], response: { 404: errorResponse } },
  }, async (request, reply) => {
    await requireVideo(request.params.id);
    const thumbnail = await library.openThumbnail(request.params.id);
    if (!thumbnail) throw notFound(`Video ${request.params.id} has no thumbnail`);
    return reply.type('image/jpeg').header('Cache-Control', 'private, max-age=86400').send(thumbnail);
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/api/video/:id/facts', {
    schema: {
      tags,
      summary:
        'What ffmpeg measured in the video: cuts, shots, black and frozen segments, silences, loudness, look (measured on first request, then cached). ' +
        '`on_screen_text` (OCR spans) is included once read; `?text=1` reads it first if it has not been (seconds on a long video, then cached)',
      params: idParams,
      querystring: { type: 'object', properties: { text: { type: 'string', description: '1 or true: read the on-screen text if it has not been read yet' } } },
      response: { 400: errorResponse, 404: errorResponse, 410: errorResponse, 501: errorResponse },
    },
  }, async (request, reply) => {
    const query = factsQuery.safeParse(request.query);
    if (!query.success) throw badRequest(`text must be 1 or 0 (true or false): ${describeZodError(query.error)}`);
    await requireVideoFile(request.params.id);
    const asset = await library.asset(request.params.id);
    if (!asset) throw notFound(`Video ${request.params.id} not found`);
    // a client that leaves stops waiting; the measurement is killed unless a job still waits for it
    const clientGone = new AbortController();
    reply.raw.once('close', () => clientGone.abort());
    const facts = withCurrentText(await asset.facts(clientGone.signal));
    if (!query.data.text) return facts;
    if (!asset.onScreenText) throw new HttpError(501, 'This server has no OCR reader set up, so it cannot read on-screen text', 'NOT_IMPLEMENTED');
    return { ...facts, on_screen_text: await asset.onScreenText(clientGone.signal) };
  });

  app.delete<{ Params: { id: string } }>('/api/video/:id', {
    schema: {
      tags,
      summary: 'Delete a video, its file and thumbnail (409 while an unfinished job uses it)',
      params: idParams,
      response: {
        200: { type: 'object', properties: { deleted: { type: 'boolean' }, id: { type: 'string' } } },
        404: errorResponse,
        409: errorResponse,
      },
    },
  }, async (request) => {
    const { id } = await requireVideo(request.params.id);
    if (await deps.isVideoInUse(id)) throw conflict(`Video ${id} is used by a job that has not finished; cancel or wait for it first`);
    if (!(await library.delete(id))) throw notFound(`Video ${id} not found`);
    return { deleted: true, id };
  });
}

/**
 * An error of the multipart parser (no or empty boundary, a body cut short,
 * garbage) as a 400; the plugin's own coded errors (limits, 406) and client
 * disconnects keep their meaning.
 */
function asMalformedMultipart(error: unknown): unknown {
  if (isClientDisconnect(error) || (error as { code?: unknown }).code !== undefined) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return badRequest(`Malformed multipart body: ${reason.slice(0, 200)}`);
}

/**
 * A single "bytes=" range, resolved against `size` (inclusive ends). Syntax we
 * do not serve (several ranges, other units, garbage) is ignored, as HTTP
 * allows: the whole file is sent.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}
