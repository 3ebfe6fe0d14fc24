import type { Command } from 'commander';
import { ApiClient } from './api-client.js';
import { UsageError } from './cli-errors.js';
import { Output } from './output/output.js';

/** The options every command accepts (see create-program.ts). */
export interface GlobalOptions {
  server: string;
  token?: string;
  json?: boolean;
}

/** What a command works with: the API client and the output policy. */
export interface CliContext {
  client: ApiClient;
  out: Output;
  globals: GlobalOptions;
}

export function checkServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server: "${value}" is not a URL (example: http://127.0.0.1:8000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--server: "${value}" must start with http:// or https://`);
  return value;
}

/** Builds the context from a command's options merged with the program's global ones. */
export function contextFor(command: Command): CliContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const out = new Output({ json: Boolean(globals.json) });
  const client = new ApiClient({ baseUrl: checkServerUrl(globals.server), token: globals.token });
  return { client, out, globals };
}
