import { useState } from 'react';
import { describeError } from '../api/client';

/** One mutation at a time on a page: busy while it runs, then its success line or its refusal in Chinese. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [ok, setOk] = useState<string>();
  const run = async (act: () => Promise<unknown>, success: string): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setOk(undefined);
    try {
      await act();
      setOk(success);
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, ok, run, setError };
}
