/** Marks an answer reused from the response cache: no provider call; its figures are the original answer's. */
export function CachedBadge({ cachedAt }: { cachedAt: string | null }) {
  const made = cachedAt ? new Date(cachedAt).toLocaleString() : 'earlier';
  return (
    <span className="badge badge--cached" data-testid="cached-badge" title={`Reused answer made ${made}: no provider call; latency, tokens and cost are the original answer's`}>
      cached
    </span>
  );
}
