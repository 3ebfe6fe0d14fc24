import { useEffect, useState } from 'react';
import { api } from '../api/client.js';

const refreshMs = 5000;

/** "N workers": how many processes run work units right now (one in the embedded mode). */
export function WorkerCount() {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      api.workers().then(
        (workers) => !stopped && setCount(workers.length),
        () => !stopped && setCount(null),
      );
    void refresh();
    const timer = window.setInterval(refresh, refreshMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, []);
  if (count === null) return null;
  return (
    <span className="topbar__workers" title="Processes running work units (GET /api/workers)">
      {count} {count === 1 ? 'worker' : 'workers'}
    </span>
  );
}
