import type { OutputStream } from './output.js';

/** `[██████░░░░░░]` for a fraction in 0..1 (clamped). */
export function renderBar(fraction: number, width: number, unicode = true): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  const [full, empty] = unicode ? ['█', '░'] : ['#', '-'];
  return `[${full.repeat(filled)}${empty.repeat(width - filled)}]`;
}

/**
 * A block of lines at the bottom of a terminal that is redrawn in place
 * (cursor up, clear line). Redraws are throttled; `finish` draws the last
 * state and leaves it on screen.
 */
export class LiveArea {
  private drawnLines = 0;
  private pending: string[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastDraw = 0;

  constructor(
    private readonly stream: OutputStream,
    private readonly minIntervalMs = 80,
  ) {}

  update(lines: string[]): void {
    this.pending = lines;
    const wait = this.minIntervalMs - (Date.now() - this.lastDraw);
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** draws the latest lines at once and stops redrawing them */
  finish(): void {
    this.flush();
    this.drawnLines = 0;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const lines = this.pending;
    this.pending = undefined;
    this.lastDraw = Date.now();
    let text = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A` : '';
    for (const line of lines) text += `\r\x1b[2K${line}\n`;
    // lines that were drawn before but are no longer there
    for (let i = lines.length; i < this.drawnLines; i++) text += '\r\x1b[2K\n';
    const extra = Math.max(0, this.drawnLines - lines.length);
    if (extra > 0) text += `\x1b[${extra}A`;
    this.stream.write(text);
    this.drawnLines = lines.length;
  }
}
