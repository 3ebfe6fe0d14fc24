import type { Element, ElementContent, Root, RootContent } from 'hast';

/** MM:SS, H:MM:SS and MM:SS.s (tenths to milliseconds), as answers write them. */
const clockPattern = /\b(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?\b/g;

export interface TimestampMatch {
  text: string;
  seconds: number;
  index: number;
}

/** Finds the clock timestamps in `text` (seconds ≥ 60 are not timestamps: "12:75" is skipped). */
export function findClockTimestamps(text: string): TimestampMatch[] {
  const found: TimestampMatch[] = [];
  for (const match of text.matchAll(clockPattern)) {
    const [whole, h, m, s, fraction] = match;
    if (Number(s) >= 60 || (h !== undefined && Number(m) >= 60)) continue;
    const seconds = Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (fraction ? Number(`0.${fraction}`) : 0);
    found.push({ text: whole, seconds, index: match.index ?? 0 });
  }
  return found;
}

/** The element the plugin wraps timestamps in; the renderer maps it to a seek button. */
export const timestampTag = 'time';

// timestamps inside code, links and buttons stay as they are
const skipped = new Set(['code', 'pre', 'a', 'button', timestampTag]);

function splitText(value: string): ElementContent[] | null {
  const matches = findClockTimestamps(value);
  if (matches.length === 0) return null;
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of matches) {
    if (match.index > last) out.push({ type: 'text', value: value.slice(last, match.index) });
    out.push({
      type: 'element',
      tagName: timestampTag,
      properties: { dataSeconds: String(match.seconds) },
      children: [{ type: 'text', value: match.text }],
    });
    last = match.index + match.text.length;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

function walk(node: Root | Element): void {
  const next: (RootContent | ElementContent)[] = [];
  let changed = false;
  for (const child of node.children) {
    if (child.type === 'text') {
      const parts = splitText(child.value);
      if (parts) {
        next.push(...parts);
        changed = true;
        continue;
      }
    } else if (child.type === 'element' && !skipped.has(child.tagName)) {
      walk(child);
    }
    next.push(child);
  }
  if (changed) node.children = next as typeof node.children;
}

/**
 * A rehype plugin that wraps clock timestamps found in text in `<time data-seconds>`
 * elements. It only touches text nodes, so HTML written in an answer (which
 * react-markdown keeps as literal text) is never turned into markup.
 */
export function rehypeTimestamps() {
  return (tree: Root) => walk(tree);
}
