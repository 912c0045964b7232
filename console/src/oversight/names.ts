import { useMemo } from 'react';

/** Codes (domain, region, unit) to their names, from whatever lists a page loaded. */
export function useNames(...lists: (readonly { code: string; name?: string; nameZh?: string }[] | undefined)[]) {
  return useMemo(() => {
    const m = new Map<string, string>();
    for (const list of lists) list?.forEach((x) => m.set(x.code, x.nameZh ?? x.name ?? x.code));
    return (k: string) => m.get(k) ?? k;
  }, lists);
}
