import { memo, useMemo, type ComponentProps, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { formatDuration } from '../components/format.js';
import { ScrollArea } from '../components/scroll-area.js';
import { usePlayer } from '../videos/player-context.js';
import { splitMarkdownTables, type TableBlock } from './markdown-tables.js';
import { rehypeTimestamps } from './timestamps.js';

const rehypePlugins = [rehypeTimestamps];

function TimestampButton({ seconds, videoId, children }: { seconds: number; videoId?: string; children: ReactNode }) {
  const player = usePlayer();
  return (
    <button
      type="button"
      className="timestamp"
      onClick={() => player.seek(seconds, videoId)}
      title={`Play the video from ${formatDuration(seconds)}`}
      data-seconds={seconds}
    >
      {children}
    </button>
  );
}

function useComponents(videoId: string | undefined, inline: boolean): Components {
  return useMemo<Components>(
    () => ({
      time: ({ children, ...props }: ComponentProps<'time'> & { 'data-seconds'?: string }) => (
        <TimestampButton seconds={Number(props['data-seconds'])} videoId={videoId}>
          {children}
        </TimestampButton>
      ),
      // answers link to arbitrary places: open them away from the app
      a: ({ children, href }) => (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      ),
      // no remote images load from an answer: show what they are, as a link
      img: ({ src, alt }) =>
        typeof src === 'string' && src ? (
          <a href={src} target="_blank" rel="noopener noreferrer nofollow">
            [image: {alt || src}]
          </a>
        ) : (
          <span>[image: {alt}]</span>
        ),
      ...(inline ? { p: ({ children }) => <>{children}</> } : {}),
    }),
    [videoId, inline],
  );
}

function InlineMarkdown({ text, videoId }: { text: string; videoId?: string }) {
  const components = useComponents(videoId, true);
  return (
    <Markdown rehypePlugins={rehypePlugins} components={components}>
      {text}
    </Markdown>
  );
}

function MarkdownTable({ table, videoId }: { table: TableBlock; videoId?: string }) {
  return (
    <ScrollArea label="Table from the answer" className="table-scroll">
      <table>
        <thead>
          <tr>
            {table.header.map((cell, i) => (
              <th key={i} style={{ textAlign: table.align[i] ?? undefined }}>
                <InlineMarkdown text={cell} videoId={videoId} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} style={{ textAlign: table.align[i] ?? undefined }}>
                  <InlineMarkdown text={cell} videoId={videoId} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

/**
 * A model's answer as markdown, without raw HTML (HTML in an answer shows as
 * text). Clock timestamps become buttons that seek the player to that moment
 * of `videoId`.
 */
export const AnswerMarkdown = memo(function AnswerMarkdown({ text, videoId }: { text: string; videoId?: string }) {
  const segments = useMemo(() => splitMarkdownTables(text), [text]);
  const components = useComponents(videoId, false);
  return (
    <div className="markdown">
      {segments.map((segment, i) =>
        segment.kind === 'table' ? (
          <MarkdownTable key={i} table={segment} videoId={videoId} />
        ) : (
          <Markdown key={i} rehypePlugins={rehypePlugins} components={components}>
            {segment.text}
          </Markdown>
        ),
      )}
    </div>
  );
});
