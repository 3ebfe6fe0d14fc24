import { spawn, type ChildProcess } from 'node:child_process';
import { builtCli, cleanEnv, neutralCwd } from '../helpers/clean-env.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** resolves once stdout matches (fails if the process exits first) */
  waitForStdout(pattern: RegExp | string): Promise<void>;
  done: Promise<CliResult>;
}


/** Starts the built CLI (`node dist/cli/main.js ...args`) as a real subprocess (stdout and stderr are pipes, not terminals). */
export function startCli(args: string[], env: Record<string, string | undefined> = {}, options: { cwd?: string } = {}): RunningCli {
  const child = spawn(process.execPath, [builtCli, ...args], { cwd: options.cwd ?? neutralCwd(), env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp | string; resolve(): void; reject(error: Error): void }[] = [];
  const matches = (pattern: RegExp | string) => (typeof pattern === 'string' ? stdout.includes(pattern) : pattern.test(stdout));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const watcher of watchers.splice(0)) {
      if (matches(watcher.pattern)) watcher.resolve();
      else watchers.push(watcher);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      for (const watcher of watchers.splice(0)) watcher.reject(new Error(`CLI exited (${code}) before printing ${watcher.pattern}\nstdout: ${stdout}\nstderr: ${stderr}`));
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout(pattern) {
      if (matches(pattern)) return Promise.resolve();
      return new Promise((resolve, reject) => watchers.push({ pattern, resolve, reject }));
    },
    done,
  };
}

/** Runs the CLI to the end. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, options: { cwd?: string } = {}): Promise<CliResult> {
  return startCli(args, env, options).done;
}

/** stdout parsed as JSON, with the output in the failure message */
export function parseJson<T = any>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr: ${result.stderr}`);
  }
}
