import { useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import {
  DashboardAggregatesDocument,
  DashboardOversightDocument,
  type DashboardAggregatesQuery,
  type DashboardOversightQuery,
} from '../graphql/generated/operations';

/** The period's aggregates (analysts and the lead department) and, for the lead department, its unit-level view. */
export function useAggregates(period: { from: string; to: string }, lead: boolean, version = 0) {
  const [agg, setAgg] = useState<DashboardAggregatesQuery>();
  const [ops, setOps] = useState<DashboardOversightQuery>();
  const [error, setError] = useState<string>();
  const { from, to } = period;
  useEffect(() => {
    setError(undefined);
    call(DashboardAggregatesDocument, { from, to, fromMonth: from.slice(0, 7) }).then(setAgg, (e) =>
      setError(describeError(e)),
    );
    if (lead) call(DashboardOversightDocument, { from, to }).then(setOps, (e) => setError(describeError(e)));
  }, [from, to, lead, version]);
  return { agg, ops, error };
}
