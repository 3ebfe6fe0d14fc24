/**
 * The HTTP errors the API answers with. Route code throws these; the app's
 * error handler turns them into `{"detail": "..."}` with the status.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: string,
    readonly code: string,
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

export const badRequest = (detail: string) => new HttpError(400, detail, 'BAD_REQUEST');
export const unauthorized = (detail = 'Missing or invalid bearer token') => new HttpError(401, detail, 'UNAUTHORIZED');
export const forbidden = (detail: string) => new HttpError(403, detail, 'FORBIDDEN');
export const notFound = (detail: string) => new HttpError(404, detail, 'NOT_FOUND');
export const conflict = (detail: string) => new HttpError(409, detail, 'CONFLICT');
export const payloadTooLarge = (detail: string) => new HttpError(413, detail, 'PAYLOAD_TOO_LARGE');
export const gone = (detail: string) => new HttpError(410, detail, 'GONE');
export const unsupportedMediaType = (detail: string) => new HttpError(415, detail, 'UNSUPPORTED_MEDIA_TYPE');
export const misdirectedRequest = (detail: string) => new HttpError(421, detail, 'MISDIRECTED_REQUEST');
export const insufficientStorage = (detail = 'The server is out of disk space; free some space (delete old jobs or videos) and try again') =>
  new HttpError(507, detail, 'INSUFFICIENT_STORAGE');
/** 413 for a video over the duration or picture-size caps (not the byte limit) */
export const mediaLimitExceeded = (detail: string) => new HttpError(413, detail, 'MEDIA_LIMIT_EXCEEDED');
export const unprocessableContent = (detail: string) => new HttpError(422, detail, 'UNPROCESSABLE_CONTENT');
