import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { contextFor } from '../cli-context.js';
import { formatBytes } from '../output/format.js';
import { resolveJobId } from '../short-ids.js';

/** `export ID --format csv|json|html [--output FILE]` */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a job\'s results (one row per video × prompt × model) as csv, json or html')
    .argument('<id>', 'job id (or a unique prefix)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json', 'html']).default('csv'))
    .option('-o, --output <file>', 'write to this file (default: stdout)')
    .action(async (typedId: string, options: { format: string; output?: string }, command: Command) => {
      const ctx = contextFor(command);
      const id = await resolveJobId(ctx.client, typedId);
      const response = await ctx.client.exportJob(id, options.format);
      if (!response.body) throw new Error(`The server sent an empty export for job ${id}`);
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      if (!options.output) {
        await pipeline(body, process.stdout, { end: false });
        return;
      }
      // written next to the target and renamed, so a failed download leaves no half file
      const partial = `${options.output}.partial`;
      let bytes = 0;
      body.on('data', (chunk: Buffer) => (bytes += chunk.length));
      try {
        await pipeline(body, createWriteStream(partial));
        await rename(partial, options.output);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      const result = { job_id: id, format: options.format, file: options.output, bytes };
      if (ctx.out.json) ctx.out.data(result);
      else ctx.out.line(`Wrote ${options.format} export of job ${id} to ${options.output} (${formatBytes(bytes)})`);
    });
}
