import { spawn, type ChildProcess } from 'node:child_process';
import { builtCli, cleanEnv, neutralCwd } from './clean-env.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** resolves when the process has exited */
  exited: Promise<number | null>;
}

/**
 * Runs `vidcompare serve` (the built CLI) as a real child process on a random
 * port and resolves once it listens. Used where a test must kill the server.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [builtCli, 'serve', '--port', '0'], {
    cwd: neutralCwd(),
    env: cleanEnv({ HOST: '127.0.0.1', VIDCOMPARE_LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ url: match[1]!, child, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}
