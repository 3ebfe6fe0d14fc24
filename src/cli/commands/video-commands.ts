import type { Command } from 'commander';
import type { VideoRecord } from '../api-types.js';
import { contextFor } from '../cli-context.js';
import { formatBytes, formatDuration, missing, truncate } from '../output/format.js';
import type { Output } from '../output/output.js';
import { formatTable } from '../output/table.js';
import { uploadFiles } from '../upload-files.js';

function videoTable(videos: VideoRecord[], out: Output): string {
  return formatTable(
    [{ header: 'id' }, { header: 'file' }, { header: 'duration', align: 'right' }, { header: 'size', align: 'right' }, { header: 'resolution' }, { header: 'audio' }, { header: 'added' }],
    videos.map((v) => [
      v.id,
      truncate(v.filename, 40),
      formatDuration(v.duration_s * 1000),
      formatBytes(v.size),
      v.width && v.height ? `${v.width}x${v.height}${v.fps ? ` ${Math.round(v.fps * 100) / 100} fps` : ''}` : missing,
      v.has_audio ? (v.audio_codec ?? 'yes') : out.style.dim('none'),
      v.created_at.replace('T', ' ').slice(0, 16),
    ]),
  );
}

/** `upload FILE...` and `videos`. */
export function registerVideoCommands(program: Command): void {
  program
    .command('upload')
    .description('upload video files (streamed, with a progress bar per file) and print their ids')
    .argument('<files...>', 'video files')
    .option('-q, --quiet', 'print only the ids, one per line')
    .action(async (files: string[], options: { quiet?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      const quiet = Boolean(options.quiet) && !ctx.out.json;
      const records = await uploadFiles(ctx.client, ctx.out, files, { quiet, announce: false });
      if (ctx.out.json) ctx.out.data(records);
      else if (quiet) for (const record of records) ctx.out.line(record.id);
      else ctx.out.line(videoTable(records, ctx.out));
    });

  program
    .command('videos')
    .description('list the uploaded videos, newest first')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command);
      const videos = await ctx.client.videos();
      if (ctx.out.json) ctx.out.data(videos);
      else if (videos.length === 0) ctx.out.line('No videos yet: vidcompare upload FILE (or vidcompare demo)');
      else ctx.out.line(videoTable(videos, ctx.out));
    });
}
