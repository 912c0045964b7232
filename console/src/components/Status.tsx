import type { ReactNode } from 'react';

/** Loading, error and success lines, announced to screen readers. */
export function Notice({ kind, children }: { kind: 'info' | 'error' | 'ok'; children: ReactNode }) {
  return (
    <p className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
