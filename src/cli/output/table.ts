import { visibleLength } from './output.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/**
 * A plain text table: header, a dashed rule, then rows, columns separated by
 * two spaces. Cells may carry ANSI colours (widths ignore them).
 */
export function formatTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((column, index) => Math.max(visibleLength(column.header), ...rows.map((row) => visibleLength(row[index] ?? ''))));
  const pad = (text: string, index: number) => {
    const gap = ' '.repeat(Math.max(0, widths[index]! - visibleLength(text)));
    return columns[index]!.align === 'right' ? gap + text : text + gap;
  };
  const line = (cells: string[]) => cells.map((cell, index) => pad(cell, index)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(columns.map((_, i) => row[i] ?? '')))].join('\n');
}
