import type { ReactNode } from 'react';

/** An inline message; errors are announced to screen readers. */
export function Notice({ kind, children }: { kind: 'error' | 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
