import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/client';

/**
 * Data a page reads when it opens and again when `deps` change: the data, the refusal in Chinese
 * (describeError), and `reload` after a mutation. Data read for other `deps` (the previous page of a
 * list) is never shown as the new one's; a late answer to an older request is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ for?: () => Promise<T>; data?: T; error?: string }>({});
  const [version, setVersion] = useState(0);
  const stable = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    stable().then(
      (data) => current && setState({ for: stable, data }),
      (e) => current && setState({ for: stable, error: describeError(e) }),
    );
    return () => {
      current = false;
    };
  }, [stable, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const fresh = state.for === stable;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, reload };
}
