/** One Server-Sent Events message: its `event:` name (default "message") and its `data:` text. */
export interface SseMessage {
  event: string;
  data: string;
}

/** The stream carried something that is not what the server promised (e.g. data that is not JSON). */
export class SseProtocolError extends Error {
  override name = 'SseProtocolError';
}

/**
 * Reads Server-Sent Events from a fetch response body, following the
 * WHATWG rules that matter here: `event:` and `data:` fields (several
 * `data:` lines join with "\n"), comments (`: ping`) and `retry:`/`id:`
 * ignored, a blank line dispatches, CRLF/CR/LF line ends.
 * Ends when the server ends the stream; stops reading when the caller breaks.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let match: RegExpExecArray | null;
      const lineEnd = /\r\n|\r|\n/g;
      let consumed = 0;
      while ((match = lineEnd.exec(buffer)) !== null) {
        // a lone CR at the very end may be the first half of CRLF: wait for more
        if (match[0] === '\r' && match.index === buffer.length - 1 && !done) break;
        const line = buffer.slice(consumed, match.index);
        consumed = match.index + match[0].length;
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      buffer = buffer.slice(consumed);
      if (done) return;
    }
  } finally {
    // the stream may already be finished or aborted; cancelling it then has nothing to report
    await reader.cancel().catch(() => undefined);
  }
}

/** `readSse` with each message's data parsed as JSON. */
export async function* readJsonSse<T = unknown>(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: T }> {
  for await (const message of readSse(body)) {
    let data: T;
    try {
      data = JSON.parse(message.data) as T;
    } catch {
      throw new SseProtocolError(`The server sent a "${message.event}" event whose data is not JSON: ${message.data.slice(0, 100)}`);
    }
    yield { event: message.event, data };
  }
}
