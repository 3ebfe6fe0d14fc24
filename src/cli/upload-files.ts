import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ApiClient } from './api-client.js';
import type { VideoRecord } from './api-types.js';
import { UsageError } from './cli-errors.js';
import { multipartFileBody } from './multipart-body.js';
import { formatBytes, truncate } from './output/format.js';
import type { Output } from './output/output.js';
import { LiveArea, renderBar } from './output/progress-bar.js';

/** Checks every path before anything is sent. @throws UsageError naming the first bad path */
export function checkFiles(paths: string[]): { path: string; size: number }[] {
  return paths.map((path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) throw new UsageError(`${path}: no such file`);
    if (!stats.isFile()) throw new UsageError(`${path} is not a file`);
    return { path, size: stats.size };
  });
}

/**
 * Uploads one file as a streamed multipart body (constant memory whatever
 * its size); `onProgress` gets the bytes sent so far.
 */
export async function uploadFile(client: ApiClient, path: string, onProgress?: (sent: number) => void): Promise<VideoRecord> {
  const { body, contentType } = multipartFileBody({ path, field: 'file', onProgress });
  return client.postStream<VideoRecord>('/api/video/upload', body, { 'content-type': contentType });
}

/**
 * Uploads files one after another: a progress bar per file on a terminal,
 * one plain line per finished file otherwise (unless `announce: false`);
 * `quiet` shows neither.
 */
export async function uploadFiles(client: ApiClient, out: Output, paths: string[], options: { quiet?: boolean; announce?: boolean } = {}): Promise<VideoRecord[]> {
  const files = checkFiles(paths);
  const records: VideoRecord[] = [];
  const live = out.interactive && !options.quiet ? new LiveArea(out.stdout) : undefined;
  const done: string[] = [];
  const nameWidth = Math.min(32, Math.max(...files.map((f) => basename(f.path).length)));
  for (const file of files) {
    const name = truncate(basename(file.path), nameWidth).padEnd(nameWidth);
    const draw = (sent: number) => {
      const fraction = file.size === 0 ? 1 : sent / file.size;
      const state = sent >= file.size ? out.style.dim('processing…') : `${formatBytes(sent)} / ${formatBytes(file.size)}`;
      live?.update([...done, `${name}  ${renderBar(fraction, 24)} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${state}`]);
    };
    draw(0);
    const record = await uploadFile(client, file.path, live ? draw : undefined);
    records.push(record);
    const line = `${name}  ${out.style.green('✓')} ${record.id}  ${formatBytes(record.size)}`;
    if (live) {
      done.push(line);
      live.update(done);
    } else if (!options.quiet && options.announce !== false) {
      out.line(`uploaded ${file.path} as ${record.id} (${formatBytes(record.size)})`);
    }
  }
  live?.finish();
  return records;
}
