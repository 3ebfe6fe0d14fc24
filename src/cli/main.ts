#!/usr/bin/env node
import { runCli } from './run-cli.js';

// the reader of our output went away (`vidcompare jobs | head`): stop quietly, as Unix tools do
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`vidcompare: cannot write the output: ${error.message}\n`);
  process.exit(1);
});

const { code, keepAlive } = await runCli(process.argv);
// every command but `serve` is done: exit without waiting for idle keep-alive sockets, once stdout is flushed
if (!keepAlive) process.stdout.write('', () => process.exit(code));
