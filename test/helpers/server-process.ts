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
 * `args` are added to `serve --port 0` (e.g. `--no-worker`, or a fixed `--port`).
 */
export async function startServerProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const started = await startCliProcess(env, ['serve', ...port, ...args], /listening on (http:\/\/[\d.]+:\d+)/);
  return { url: started.match[1]!, child: started.child, exited: started.exited };
}

/** Runs any `vidcompare` command as a child process; resolves once its output matches `ready`. */
export function startCliProcess(
  env: Record<string, string>,
  args: string[],
  ready: RegExp,
): Promise<{ match: RegExpExecArray; child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [builtCli, ...args], {
    cwd: neutralCwd(),
    env: cleanEnv({ HOST: '127.0.0.1', VIDCOMPARE_LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', keepTail);
        resolve({ match, child, exited });
      }
    };
    // after start-up only the last lines are kept: enough to say why a process died mid-test
    const keepTail = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
    child.once('exit', (code, signal) => {
      if (code !== 0 && code !== null && signal === null) {
        console.error(`vidcompare ${args[0]} exited with code ${code}; its last output:\n${output}`);
      }
    });
    exited.then((code) => reject(new Error(`vidcompare ${args[0]} exited (${code}) before it was ready:\n${output}`)));
  });
}
