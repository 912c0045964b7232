import type { LoadTarget } from './loadRunner';

/**
 * Traffic that neither the response cache (owners' own histories) nor in-flight sharing (identical
 * queries of one caller at the same time) can serve: many principals, each request for another
 * subject, another page or another report. Requests rotate through pools large enough that two
 * concurrent requests almost never coincide.
 */

const PREFECTURES = ['520100', '520200', '520300', '520400', '520500', '520600', '522300', '522600', '522700'];
const KINDS = ['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'FARMER_COOPERATIVE', 'SOCIAL_ORGANIZATION', 'NATURAL_PERSON'];

export const UNIQUE_HISTORY = `query SubjectHistory($code: String!) { subject(creditCode: $code) { name
  recordSummary { records repaired domains { domainCode records repaired } }
  records(first: 20) { edges { node { id domainCode category decisionDate status } } } } }`;
export const UNIQUE_HISTORY_DIRECT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject {
  recordSummary { records repaired domains { domainCode records repaired } }
  records(first: 20) { edges { node { id domainCode category decisionDate status } } } } } }`;
export const UNIQUE_PAGE = `query SubjectPage($f: SubjectFilter, $after: String) {
  subjects(first: 20, filter: $f, after: $after) { pageInfo { endCursor hasNextPage }
    edges { node { creditCode name kind regionCode recordSummary { records repaired } } } } }`;
const COLLECT = `query Collect($f: SubjectFilter, $after: String) {
  subjects(first: 100, filter: $f, after: $after) { pageInfo { endCursor hasNextPage } edges { node { creditCode } } } }`;
/** What the subject portal asks for (console/src/graphql/portal.graphql, trimmed), with a period of the subject's choosing. */
export const PORTAL_HISTORY = `query PortalHistory($creditCode: String!, $from: String) { subject(creditCode: $creditCode) { creditCode
  recordSummary(from: $from) { from to records repaired domains { domainCode records repaired } }
  records(from: $from, first: 20) { edges { node { id domainCode category decisionDate status fineAmount underObjection } }
    pageInfo { hasNextPage endCursor } } } }`;
export const PORTAL_SUMMARY = `query PortalSummary($creditCode: String!, $from: String) { subject(creditCode: $creditCode) {
  creditCode name kind recordSummary(from: $from) { from to records repaired } reports(first: 100) { number status current }
  objections { id status } } }`;
export const VERIFY = `query Verify($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) { authentic status } }`;

export interface PageStart {
  filter: Record<string, string>;
  after: string | null;
}

export interface UniquePools {
  /** Subjects spread over every prefecture, in a shuffled order. */
  subjects: string[];
  /** Dashboard pages: a filter (prefecture, and kind or not) and where the page starts. */
  pages: PageStart[];
}

type Gql = (query: string, variables: Record<string, unknown>) => Promise<any>;

function shuffle<T>(xs: T[], seed = 16): T[] {
  let s = seed;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * Reads, as the lead department, up to `pagesPerPrefecture` pages of 100 subjects in every
 * prefecture, keeping each page's cursor as the start of a dashboard page; the dashboard pages are
 * those starts with and without each kind filter.
 */
export async function collectPools(gql: Gql, pagesPerPrefecture: number): Promise<UniquePools> {
  const subjects: string[] = [];
  const pages: PageStart[] = [];
  await Promise.all(
    PREFECTURES.map(async (regionCode) => {
      let after: string | null = null;
      for (let p = 0; p < pagesPerPrefecture; p++) {
        const filter = { regionCode };
        pages.push({ filter, after });
        const d = await gql(COLLECT, { f: filter, after });
        for (const e of d.subjects.edges) subjects.push(e.node.creditCode);
        if (!d.subjects.pageInfo.hasNextPage) break;
        after = d.subjects.pageInfo.endCursor;
      }
    }),
  );
  // The same region pages by kind: their cursors come from the region's order, which is a valid
  // starting point (credit-code order) for any filter.
  const byKind = pages.flatMap((p) => KINDS.map((kind) => ({ filter: { ...p.filter, kind }, after: p.after })));
  return { subjects: shuffle(subjects), pages: shuffle([...pages, ...byKind]) };
}

const pick = <T>(xs: T[], i: number) => xs[i % xs.length];

/** Another subject's history each request, each request from one of many principals' tokens. */
export function subjectHistories(url: string, pools: UniquePools, tokens: string[], direct = false): LoadTarget {
  return {
    url,
    headers: {},
    // Two coprime strides: token and subject change independently.
    headersFor: (i) => ({ authorization: `Bearer ${pick(tokens, i * 7)}` }),
    body: (i) => {
      const code = pick(pools.subjects, i);
      return JSON.stringify(
        direct
          ? { query: UNIQUE_HISTORY_DIRECT, variables: { r: [{ __typename: 'Subject', creditCode: code }] } }
          : { query: UNIQUE_HISTORY, variables: { code } },
      );
    },
  };
}

/** Dashboard pages of 20 subjects with their summaries, a different filter and start each request. */
export function dashboardPages(url: string, pools: UniquePools, tokens: string[]): LoadTarget {
  return {
    url,
    headers: {},
    headersFor: (i) => ({ authorization: `Bearer ${pick(tokens, i * 7)}` }),
    body: (i) => {
      const p = pick(pools.pages, i);
      return JSON.stringify({ query: UNIQUE_PAGE, variables: { f: p.filter, after: p.after } });
    },
  };
}

/**
 * The lead department's working mix: three subjects' histories with summaries to one dashboard
 * page, every request different.
 */
export function leadMix(url: string, pools: UniquePools, tokens: string[]): LoadTarget {
  const history = subjectHistories(url, pools, tokens);
  const page = dashboardPages(url, pools, tokens);
  return {
    url,
    headers: {},
    headersFor: (i) => ({ authorization: `Bearer ${pick(tokens, i * 7)}` }),
    body: (i) => (i % 4 === 3 ? page.body(i >> 2) : history.body(i - (i >> 2))),
  };
}

/**
 * Subjects on the portal, each with its own token, reading their own data: two history pages to one
 * summary (name, summary, their reports and objections), each request another subject and another
 * start of the period (2021-12-08 plus 0–699 days), so that no response cache holds the answer.
 */
export function portalMix(url: string, pools: UniquePools, ownerTokens: Map<string, string>): LoadTarget {
  const from = (i: number) => new Date(Date.UTC(2021, 11, 8 + (i % 700))).toISOString().slice(0, 10);
  return {
    url,
    headers: {},
    headersFor: (i) => ({ authorization: `Bearer ${ownerTokens.get(pick(pools.subjects, i))}` }),
    body: (i) =>
      JSON.stringify({
        query: i % 3 === 2 ? PORTAL_SUMMARY : PORTAL_HISTORY,
        variables: { creditCode: pick(pools.subjects, i), from: from(i) },
      }),
  };
}

/** Partners' systems verifying many different reports, anonymously. */
export function manyVerifications(url: string, reports: { n: string; c: string }[]): LoadTarget {
  return {
    url,
    headers: {},
    body: (i) => {
      const r = pick(reports, i);
      return JSON.stringify({ query: VERIFY, variables: { n: r.n, c: r.c } });
    },
  };
}
