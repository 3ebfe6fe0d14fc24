import { Command, Option } from 'commander';
import { defaultServerUrl, type CliConfig } from '../config/cli-config.js';
import { rememberConfig } from './cli-context.js';
import { registerBatchCommand } from './commands/batch-command.js';
import { registerCatalogueCommands } from './commands/catalogue-commands.js';
import { registerCompareCommand } from './commands/compare-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerJobsCommand } from './commands/jobs-command.js';
import { registerRejudgeCommand } from './commands/rejudge-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerVideoCommands } from './commands/video-commands.js';
import { registerWatchCommand } from './commands/watch-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';

export const defaultServer = defaultServerUrl;

/** Set by commands whose work goes on after their action returns (`serve`). */
export interface ProgramState {
  keepAlive: boolean;
}

/**
 * The `vidcompare` command tree. Commander does not exit or print errors by
 * itself (exitOverride, silent outputError): `runCli` turns its errors into
 * one line and exit code 2.
 */
export function createProgram(state: ProgramState = { keepAlive: false }, config: CliConfig = { server: defaultServer, serverFrom: 'default', debug: false, terminal: {} }): Command {
  const serverDefault = config.serverFrom === 'default' ? 'http://127.0.0.1:8000' : `${config.server}, from ${config.serverFrom}`;
  const program = new Command()
    .name('vidcompare')
    .description('Compare video-understanding models side by side, from the terminal.')
    .version('0.1.0')
    .addOption(new Option('--server <url>', 'vidcompare server (env VIDCOMPARE_SERVER, else http://127.0.0.1:$PORT)').default(config.server, serverDefault))
    .addOption(new Option('--token <token>', 'API token, sent as "Authorization: Bearer" (env VIDCOMPARE_TOKEN)').default(config.token, config.token ? 'VIDCOMPARE_TOKEN' : undefined))
    .option('--json', 'machine-readable JSON on stdout (commands that read)')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 a job failed or was cancelled (or the server refused), 2 usage error.\nNo key? Try: vidcompare demo',
    );

  rememberConfig(program, config);
  registerServeCommand(program, () => (state.keepAlive = true));
  registerWorkerCommand(program, () => (state.keepAlive = true));
  registerVideoCommands(program);
  registerCatalogueCommands(program);
  registerCompareCommand(program);
  registerBatchCommand(program);
  registerJobsCommand(program);
  registerRejudgeCommand(program);
  registerExportCommand(program);
  registerWatchCommand(program);
  registerDemoCommand(program);
  return program;
}
