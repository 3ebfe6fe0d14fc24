/** A markdown table; cells are escaped so a stray pipe cannot break the layout. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** A measured number, or "n/m" (not measured). */
export function measured(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/m' : value.toFixed(digits);
}

export function signed(value: number, digits = 1): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Lists at most `max` rows and says how many were left out. */
export function capRows<T>(items: readonly T[], max: number): { shown: readonly T[]; note: string } {
  if (items.length <= max) return { shown: items, note: '' };
  return { shown: items.slice(0, max), note: `\n\n_${items.length - max} more not listed._` };
}
