/** The CLI's reusable parts: the typed API client, the SSE reader and the entry point. */
export { ApiClient, ApiError, ServerUnreachableError, type ApiClientOptions } from './api-client.js';
export type * from './api-types.js';
export { exitCodes, JobOutcomeError, UsageError } from './cli-errors.js';
export { createProgram } from './create-program.js';
export { followJob } from './follow-job.js';
export { JobBoard } from './job-board.js';
export { multipartFileBody } from './multipart-body.js';
export { runCli } from './run-cli.js';
export { readJsonSse, readSse, SseProtocolError, type SseMessage } from './sse-client.js';
export { watchJobs } from './watch-jobs.js';
