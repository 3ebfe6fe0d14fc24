import { describe, expect, it } from 'vitest';
import { resolveMediaTools } from './media-tools.js';
import { mediaTimeoutMs, MEDIA_TIMEOUT_CAP_MS, MEDIA_TIMEOUT_FLOOR_MS, runMediaTool } from './run-media-tool.js';
import { liveToolProcesses, runTool, ToolError, ToolTimeoutError } from './run-tool.js';

const tools = resolveMediaTools(process.env);
/** ffmpeg decoding an endless generated picture: runs until stopped */
const endless = ['-hide_banner', '-nostdin', '-loglevel', 'info', '-re', '-f', 'lavfi', '-i', 'nullsrc=s=16x16', '-f', 'null', '-'];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runTool', () => {
  it('kills a tool on abort and settles only once it has exited', async () => {
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const run = runTool(tools.ffmpeg, endless, { signal: controller.signal, onStderrLine: () => started() });
    const [child] = liveToolProcesses();
    expect(child?.tool).toBe('ffmpeg');
    await running;
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(liveToolProcesses()).toEqual([]);
    expect(isAlive(child!.pid)).toBe(false);
  });

  it('stops a tool that outlives its time limit with a ToolTimeoutError', async () => {
    const error = await runTool(tools.ffmpeg, endless, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolTimeoutError);
    expect((error as ToolTimeoutError).message).toMatch(/ffmpeg took longer than 0.3 s/);
    expect(liveToolProcesses()).toEqual([]);
  });

  it('runs media tools with the decoders refusing pictures over the configured size', async () => {
    const decode = ['-hide_banner', '-nostdin', '-f', 'lavfi', '-i', 'testsrc=s=64x64:d=0.1', '-f', 'null', '-'];
    await expect(runMediaTool(resolveMediaTools(process.env), 'ffmpeg', decode, { kind: 'interactive' })).resolves.toBeDefined();
    const capped = resolveMediaTools(process.env, { maxPixels: 32 * 32 });
    const error = await runMediaTool(capped, 'ffmpeg', decode, { kind: 'interactive' }).catch((e: unknown) => e);
    expect((error as ToolError).stderrTail).toMatch(/Picture size 64x64 exceeds specified max pixel count 1024/);
  });
});

describe('mediaTimeoutMs', () => {
  it('grows with the duration between a floor and a cap', () => {
    expect(mediaTimeoutMs(undefined)).toBe(MEDIA_TIMEOUT_FLOOR_MS);
    expect(mediaTimeoutMs(1)).toBe(MEDIA_TIMEOUT_FLOOR_MS);
    expect(mediaTimeoutMs(600)).toBe(2 * mediaTimeoutMs(300));
    expect(mediaTimeoutMs(600)).toBeGreaterThan(MEDIA_TIMEOUT_FLOOR_MS);
    expect(mediaTimeoutMs(1e9)).toBe(MEDIA_TIMEOUT_CAP_MS);
  });
});
