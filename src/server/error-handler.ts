import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { isClientDisconnect, isDiskFull } from './error-causes.js';
import { HttpError, insufficientStorage } from '../core/http-errors.js';

/** Human-readable list of zod issues, each with its path ("models.0: unknown model"). */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Fastify's URL errors, in our words: the URL itself is never echoed back. */
const frameworkErrorDetails: Record<string, { status: number; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, detail: 'The URL is not valid (malformed percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, detail: 'A path segment of the URL is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, detail: 'The request cannot be routed' },
};

/**
 * Errors Fastify raises before routing (bad percent-encoding, over-long ids),
 * as `{detail}` like every other error. Pass as Fastify's `frameworkErrors`.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = frameworkErrorDetails[error.code] ?? { status: 400, detail: 'Bad request' };
  void reply.status(known.status).send({ detail: known.detail, code: error.code });
}

function clientErrorDetail(error: FastifyError | Error): string {
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return `Malformed JSON body: ${error.message}`;
  return error.message;
}

/**
 * Every error leaves the API as `{"detail": "..."}` with a fitting status:
 * a full disk is 507, a client that went away is logged at debug, and
 * unexpected errors are logged with their stack and answered with a generic 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({ detail: error.detail, code: error.code });
    }
    if (error instanceof ZodError) {
      return reply.status(400).send({ detail: describeZodError(error), code: 'VALIDATION_ERROR' });
    }
    if (isDiskFull(error)) {
      request.log.warn({ err: error }, 'out of disk space');
      const full = insufficientStorage();
      return reply.status(full.statusCode).send({ detail: full.detail, code: full.code });
    }
    if (isClientDisconnect(error) || request.socket.destroyed || request.raw.aborted) {
      request.log.debug({ err: error }, 'client went away before the answer');
      return reply.status(400).send({ detail: 'The request was aborted by the client', code: 'CLIENT_ABORTED' });
    }
    const statusCode = (error as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      return reply.status(statusCode).send({ detail: clientErrorDetail(error), code: (error as FastifyError).code ?? 'BAD_REQUEST' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ detail: 'Internal server error', code: 'INTERNAL' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ detail: `No route for ${request.method} on this path; the API is described at /docs`, code: 'NOT_FOUND' });
  });
}
