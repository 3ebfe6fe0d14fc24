/** Where the CLI writes: stdout for results, stderr for errors; JSON and colour decided once. */

const ansiPattern = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}

export function visibleLength(text: string): number {
  return [...stripAnsi(text)].length;
}

export interface OutputStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface OutputOptions {
  json: boolean;
  stdout?: OutputStream;
  stderr?: OutputStream;
  /** the terminal settings from the parsed configuration (none: plain output) */
  env?: { NO_COLOR?: string; TERM?: string };
}

export type Style = (text: string) => string;

export interface Styles {
  bold: Style;
  dim: Style;
  green: Style;
  red: Style;
  yellow: Style;
  cyan: Style;
}

const plain: Style = (text) => text;
const sgr = (open: number, close: number): Style => (text) => `\x1b[${open}m${text}\x1b[${close}m`;

/**
 * The CLI's output policy:
 * - `--json`: stdout carries only the JSON document; human lines go to stderr.
 * - stdout not a terminal: plain lines, no colours, no redrawn progress bars.
 * - colours only on a terminal, and never with NO_COLOR set (https://no-color.org).
 */
export class Output {
  readonly json: boolean;
  /** stdout is a terminal and no JSON was asked for: live progress bars may redraw */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly style: Styles;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;

  constructor(options: OutputOptions) {
    const env = options.env ?? {};
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
    this.json = options.json;
    this.interactive = Boolean(this.stdout.isTTY) && !this.json && env.TERM !== 'dumb';
    this.color = this.interactive && (env.NO_COLOR === undefined || env.NO_COLOR === '');
    this.style = this.color
      ? { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) }
      : { bold: plain, dim: plain, green: plain, red: plain, yellow: plain, cyan: plain };
  }

  /** terminal width for bars and truncation (80 when unknown) */
  get width(): number {
    return this.stdout.columns && this.stdout.columns > 20 ? this.stdout.columns : 80;
  }

  /** a human line: stdout normally, stderr under --json so stdout stays parseable */
  line(text = ''): void {
    (this.json ? this.stderr : this.stdout).write(`${text}\n`);
  }

  /** the machine-readable result (only under --json) */
  data(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** one line on stderr */
  error(text: string): void {
    this.stderr.write(`${text.replace(/\s*\n\s*/g, ' ').trim()}\n`);
  }
}
