import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';

const videoTypes: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.mpeg': 'video/mpeg',
  '.mpg': 'video/mpeg',
  '.ts': 'video/mp2t',
  '.3gp': 'video/3gpp',
};

export function guessContentType(file: string): string {
  return videoTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface MultipartFile {
  /** path on disk */
  path: string;
  /** multipart field name */
  field: string;
  /** name sent to the server (default: the file's base name) */
  filename?: string;
  contentType?: string;
  /** called with the bytes of the file handed to the connection so far */
  onProgress?: (sentBytes: number) => void;
}

export interface MultipartBody {
  body: ReadableStream<Uint8Array>;
  contentType: string;
}

/**
 * `filename="..."` the way browsers write it (WHATWG HTML form encoding):
 * UTF-8 as is, with `"`, CR and LF percent-encoded. Busboy (the server) and
 * undici read this; they do not agree on RFC 5987 `filename*`.
 */
function dispositionFilename(name: string): string {
  return `filename="${name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

/**
 * A multipart/form-data body holding one file, streamed from disk as the
 * connection asks for it (never read whole into memory). Send it with
 * `fetch(url, { method: 'POST', body, duplex: 'half', headers: { 'content-type': contentType } })`.
 */
export function multipartFileBody(file: MultipartFile): MultipartBody {
  const boundary = `----vidcompare${randomBytes(12).toString('hex')}`;
  const filename = file.filename ?? basename(file.path);
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${file.field}"; ${dispositionFilename(filename)}\r\n` +
      `Content-Type: ${file.contentType ?? guessContentType(file.path)}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);

  let source: AsyncIterator<Buffer> | undefined;
  let stream: ReturnType<typeof createReadStream> | undefined;
  let sent = 0;
  let stage: 'head' | 'file' | 'tail' | 'done' = 'head';

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === 'head') {
        stage = 'file';
        controller.enqueue(new Uint8Array(head));
        return;
      }
      if (stage === 'file') {
        if (!source) {
          stream = createReadStream(file.path, { highWaterMark: 256 * 1024 });
          source = stream[Symbol.asyncIterator]();
        }
        const next = await source.next();
        if (!next.done) {
          sent += next.value.length;
          file.onProgress?.(sent);
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.length));
          return;
        }
        stage = 'tail';
      }
      if (stage === 'tail') {
        stage = 'done';
        controller.enqueue(new Uint8Array(tail));
        controller.close();
      }
    },
    cancel() {
      stream?.destroy();
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
