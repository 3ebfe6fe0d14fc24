import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * When the server closes, ends at once the connections that carry no request:
 * kept-alive ones between requests and ones a client opened ahead and never
 * used (browsers and HTTP clients connect speculatively). Node closes only the
 * former by itself and waits out the keep-alive timeout (72 s) for the
 * latter, which held a restart for a minute. Connections with a request in
 * flight (an upload, a waiting compare) are left to finish.
 */
export function closeUnusedConnectionsOnClose(app: FastifyInstance): void {
  const requestsInFlight = new Map<Socket, number>();
  app.server.on('connection', (socket: Socket) => {
    requestsInFlight.set(socket, 0);
    socket.once('close', () => requestsInFlight.delete(socket));
  });
  const change = (request: FastifyRequest, by: number) => {
    const socket = request.raw.socket;
    const count = requestsInFlight.get(socket);
    if (count !== undefined) requestsInFlight.set(socket, Math.max(0, count + by));
  };
  app.addHook('onRequest', async (request) => change(request, +1));
  app.addHook('onResponse', async (request) => change(request, -1));
  app.addHook('onRequestAbort', async (request) => change(request, -1));
  app.addHook('preClose', async () => {
    for (const [socket, count] of requestsInFlight) if (count === 0) socket.destroy();
  });
}
