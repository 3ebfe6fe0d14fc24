import { useCallback, useEffect, useState } from 'react';

const jobHash = /^#job=([A-Za-z0-9_-]+)$/;

function jobFromHash(): string | null {
  return jobHash.exec(window.location.hash)?.[1] ?? null;
}

/** The opened job lives in the URL (#job=…), so a reload or a shared link reopens it. */
export function useOpenJob(): [string | null, (id: string | null) => void] {
  const [openJobId, setOpenJobId] = useState<string | null>(jobFromHash);
  useEffect(() => {
    const onHash = () => setOpenJobId(jobFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const open = useCallback((id: string | null) => {
    setOpenJobId(id);
    const url = id ? `#job=${id}` : window.location.pathname + window.location.search;
    window.history.replaceState(null, '', url);
  }, []);
  return [openJobId, open];
}
