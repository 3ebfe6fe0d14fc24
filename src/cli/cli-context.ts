import type { Command } from 'commander';
import type { CliConfig } from '../config/cli-config.js';
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
  /** the parsed environment: commands never read the environment themselves */
  config: CliConfig;
}

const configs = new WeakMap<Command, CliConfig>();

/** Attaches the parsed configuration to the program, for its commands. */
export function rememberConfig(program: Command, config: CliConfig): void {
  configs.set(program, config);
}

function configOf(command: Command): CliConfig {
  let root = command;
  while (root.parent) root = root.parent;
  const config = configs.get(root);
  if (!config) throw new Error('the CLI configuration was not attached to the program');
  return config;
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
  const config = configOf(command);
  const out = new Output({ json: Boolean(globals.json), env: config.terminal });
  const client = new ApiClient({ baseUrl: checkServerUrl(globals.server), token: globals.token });
  return { client, out, globals, config };
}
