import { call } from '../../api/client';
import { DashboardFeedbacksDocument, type DashboardFeedbacksQuery } from '../../graphql/generated/operations';

/** Every case counted by kind and state: the API has no tally, so the lead's view pages through the list. */
export async function countByKindAndState(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r: DashboardFeedbacksQuery = await call(DashboardFeedbacksDocument, { after });
    for (const { node } of r.feedbacks.edges)
      counts.set(`${node.kind}/${node.status}`, (counts.get(`${node.kind}/${node.status}`) ?? 0) + 1);
    if (!r.feedbacks.pageInfo.hasNextPage) break;
    after = r.feedbacks.pageInfo.endCursor ?? null;
  }
  return counts;
}
