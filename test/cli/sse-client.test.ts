import { describe, expect, it } from 'vitest';
import { readJsonSse, readSse, SseProtocolError } from '../../src/cli/sse-client.js';

/** a body delivering `chunks` one read at a time */
function body(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('readSse', () => {
  it('reads named events, skips comments and retry lines, defaults the name to "message"', async () => {
    const messages = await collect(readSse(body(['retry: 2000\n\n', ': ping\n\n', 'event: progress\ndata: {"a":1}\n\n', 'data: plain\n\n'])));
    expect(messages).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('reassembles events split anywhere across chunks, including inside a multi-byte character', async () => {
    const text = 'event: status\ndata: {"message":"Combination 1/2 — ✓"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await collect(readSse(stream))).toEqual([{ event: 'status', data: '{"message":"Combination 1/2 — ✓"}' }]);
  });

  it('accepts CRLF and CR line ends and joins several data lines', async () => {
    const messages = await collect(readSse(body(['event: a\r\ndata: one\r\ndata: two\r', '\n\r\n', 'event: b\rdata: x\r\r'])));
    expect(messages).toEqual([
      { event: 'a', data: 'one\ntwo' },
      { event: 'b', data: 'x' },
    ]);
  });

  it('drops an event the stream ends in the middle of', async () => {
    expect(await collect(readSse(body(['event: a\ndata: 1\n\nevent: b\ndata: 2\n'])))).toEqual([{ event: 'a', data: '1' }]);
  });

  it('readJsonSse parses data and throws a typed error for data that is not JSON', async () => {
    expect(await collect(readJsonSse(body(['event: x\ndata: {"n":2}\n\n'])))).toEqual([{ event: 'x', data: { n: 2 } }]);
    await expect(collect(readJsonSse(body(['event: x\ndata: {oops\n\n'])))).rejects.toBeInstanceOf(SseProtocolError);
  });
});
