/**
 * Splits markdown into prose and GFM-style pipe tables. react-markdown only
 * speaks CommonMark (no tables) and remark-gfm is not a dependency here, so
 * tables are recognised by this small parser and rendered separately.
 */

export type Align = 'left' | 'center' | 'right' | null;

export interface TableBlock {
  kind: 'table';
  header: string[];
  align: Align[];
  rows: string[][];
}

export type MarkdownSegment = { kind: 'markdown'; text: string } | TableBlock;

const delimiterCell = /^:?-{3,}:?$/;
const fence = /^\s{0,3}(`{3,}|~{3,})/;

/** the cells of one pipe row; `\|` stays a literal pipe */
export function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char === '\\' && body[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current.trim());
  return cells;
}

function delimiterAlign(line: string): Align[] | null {
  if (!line.includes('-')) return null;
  const cells = splitRow(line);
  if (cells.length === 0 || !cells.every((c) => delimiterCell.test(c))) return null;
  return cells.map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : null));
}

export function splitMarkdownTables(markdown: string): MarkdownSegment[] {
  const lines = markdown.split(/\r?\n/);
  const segments: MarkdownSegment[] = [];
  let prose: string[] = [];
  let openFence: string | null = null;
  const flushProse = () => {
    if (prose.some((l) => l.trim())) segments.push({ kind: 'markdown', text: prose.join('\n') });
    prose = [];
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const fenceMatch = fence.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (openFence === null) openFence = marker[0]!;
      else if (marker[0] === openFence) openFence = null;
    }
    const align = openFence === null && line.includes('|') && i + 1 < lines.length ? delimiterAlign(lines[i + 1]!) : null;
    if (!align) {
      prose.push(line);
      continue;
    }
    const header = splitRow(line);
    if (header.length !== align.length) {
      prose.push(line);
      continue;
    }
    const rows: string[][] = [];
    let j = i + 2;
    while (j < lines.length && lines[j]!.trim() !== '' && lines[j]!.includes('|')) {
      const cells = splitRow(lines[j]!);
      rows.push(header.map((_, k) => cells[k] ?? ''));
      j += 1;
    }
    flushProse();
    segments.push({ kind: 'table', header, align, rows });
    i = j - 1;
  }
  flushProse();
  return segments;
}
