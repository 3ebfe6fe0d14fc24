import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** what a child process needs from the machine to run at all; nothing that configures vidcompare or a provider SDK */
const machineBasics = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'TZ', 'USER', 'SYSTEMROOT'];

/**
 * The environment for a process a test starts: the machine's basics plus the
 * test's explicit settings, never the developer's shell (provider keys, base
 * URLs, PORT, VIDCOMPARE_*), so the suite behaves the same everywhere.
 */
export function cleanEnv(settings: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of machineBasics) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(settings)) {
    if (value !== undefined) env[name] = value;
  }
  return env;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The built CLI (dist/cli/main.js), which test/global-setup.ts brings up to date
 * with the sources before any test runs: a child process starts in a fraction
 * of the time and CPU that compiling the sources through tsx on every run costs.
 */
export const builtCli = path.join(root, 'dist/cli/main.js');

let emptyDir: string | undefined;

/** An empty working directory for child processes, so a developer's ./.env in the repository is not read. */
export function neutralCwd(): string {
  emptyDir ??= mkdtempSync(path.join(tmpdir(), 'vidcompare-cwd-'));
  return emptyDir;
}
