import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guessContentType, multipartFileBody } from '../../src/cli/multipart-body.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('multipartFileBody', () => {
  it('streams a file as multipart/form-data that a standard parser reads back byte for byte, reporting progress', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-cli-multipart-'));
    const file = path.join(dir, 'clip "one" é.mp4');
    // several read chunks (256 KiB each), with a tail that is not a multiple of the chunk size
    const bytes = Buffer.alloc(700 * 1024 + 13, 0);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    writeFileSync(file, bytes);

    const progress: number[] = [];
    const { body, contentType } = multipartFileBody({ path: file, field: 'file', onProgress: (sent) => progress.push(sent) });
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const part = form.get('file') as File;

    expect(Buffer.from(await part.arrayBuffer()).equals(bytes)).toBe(true);
    expect(part.type).toBe('video/mp4');
    expect(part.name).toContain('é.mp4');
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(1);
  });

  it('guesses video content types from the extension', () => {
    expect(guessContentType('a.MOV')).toBe('video/quicktime');
    expect(guessContentType('a.webm')).toBe('video/webm');
    expect(guessContentType('a.bin')).toBe('application/octet-stream');
  });
});
