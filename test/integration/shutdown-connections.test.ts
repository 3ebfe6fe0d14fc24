import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

/** A raw client connection; `closedByServer` turns true when the server ends it (the client never does). */
async function openConnection(url: string): Promise<{ socket: Socket; closedByServer: () => boolean; received: () => string }> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let closed = false;
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  socket.once('close', () => (closed = true));
  return { socket, closedByServer: () => closed, received: () => received };
}

describe('closing the server', () => {
  // Node closes kept-alive connections by itself but waits out the keep-alive timeout (72 s) for one a client
  // opened ahead and never used; the waits below are far shorter than that, so the test fails without the fix
  it('ends connections that carry no request at once: one opened ahead and never used, one kept alive', async () => {
    const server = await startTestServer();
    const unused = await openConnection(server.url);
    const keptAlive = await openConnection(server.url);
    keptAlive.socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    await waitFor(() => keptAlive.received().includes('\r\n\r\n'), 10_000);
    expect(keptAlive.received()).toMatch(/^HTTP\/1\.1 200/);

    const stopped = server.stop({ removeData: true }).then(() => true);
    await waitFor(() => unused.closedByServer() && keptAlive.closedByServer(), 10_000);
    expect(await stopped).toBe(true);
  });
});
