export interface SseEvent {
  type: string;
  data: any;
}

/** Reads a Server-Sent Events response until the server ends it (or `stopWhen` says so). */
export async function readEvents(url: string, stopWhen?: (event: SseEvent) => boolean, init?: RequestInit): Promise<SseEvent[]> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`SSE request failed: ${response.status}`);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!type || data === undefined) continue;
      const event = { type, data: JSON.parse(data) };
      events.push(event);
      if (stopWhen?.(event)) {
        controller.abort();
        return events;
      }
    }
  }
  return events;
}
