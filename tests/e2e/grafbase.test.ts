import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { gql, tokenFor } from '@credit/shared/test';
import { spawnGrafbaseDev, writeGrafbaseConfig } from '../../scripts/src/grafbase';
import { entities, records, startPlatform, type Platform } from '../platform';

/**
 * Grafbase (the benchmark's Rust peer) serving the committed subgraph schemas in front of running
 * subgraphs: it plans a query across entities and records and answers what our gateway answers,
 * forwarding the caller's token (the subgraphs check it), and hides the internal API as ours does.
 */
let p: Platform;
let dir: string;
let grafbase: { child: ChildProcess; output: () => string };
let grafbaseUrl: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  p = await startPlatform([entities, records], { SEED_DEMO: 'true' });
  dir = mkdtempSync(join(tmpdir(), 'grafbase-e2e-'));
  // reports and objections are composed from their schemas but not running: nothing here asks them.
  const closed = `http://127.0.0.1:${await freePort()}/graphql`;
  const config = writeGrafbaseConfig(dir, {
    entities: p.subgraphs.entities.url,
    records: p.subgraphs.records.url,
    reports: closed,
    objections: closed,
  });
  const port = await freePort();
  grafbaseUrl = `http://127.0.0.1:${port}/graphql`;
  grafbase = spawnGrafbaseDev(config, port, dir);
  for (;;) {
    if (grafbase.child.exitCode !== null)
      throw new Error(`grafbase dev exited with ${grafbase.child.exitCode}: ${grafbase.output()}`);
    const up = await gql(grafbaseUrl, '{ __typename }', {}).catch(() => undefined);
    if (up) {
      expect(up.data).toEqual({ __typename: 'Query' });
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(async () => {
  const child = grafbase?.child;
  if (child && child.exitCode === null)
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill();
    });
  if (dir) rmSync(dir, { recursive: true, force: true });
  await p?.stop();
});

const PAGE = `query($f: SubjectFilter) { subjects(first: 5, filter: $f) { edges { node { creditCode name kind
  recordSummary { records repaired domains { domainCode records } } records(first: 3) { edges { node { id } } } } } } }`;
const HISTORY = `query($code: String!) { subject(creditCode: $code) { name
  recordSummary { records repaired domains { domainCode records repaired } }
  records(first: 20) { edges { node { id domainCode category decisionDate status } } } } }`;

describe('Grafbase in front of the subgraphs, from the committed schemas', () => {
  it('answers pages and histories (entities, then records by key) as our gateway does', async () => {
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const ours = await gql(p.gatewayUrl, PAGE, { f: { kind: 'ENTERPRISE' } }, lead);
    const theirs = await gql(grafbaseUrl, PAGE, { f: { kind: 'ENTERPRISE' } }, lead);
    expect(ours.errors).toBeUndefined();
    expect(ours.data!.subjects.edges).toHaveLength(5);
    expect(theirs.data).toEqual(ours.data);

    const listed = await gql(
      p.gatewayUrl,
      '{ subjects(first: 100) { edges { node { creditCode recordSummary { records } } } } }',
      {},
      lead,
    );
    const withRecords = listed.data!.subjects.edges.find((e: any) => e.node.recordSummary.records > 0);
    expect(withRecords).toBeDefined();
    const code = withRecords.node.creditCode;
    const history = await gql(p.gatewayUrl, HISTORY, { code }, lead);
    expect(history.errors).toBeUndefined();
    expect(history.data!.subject.records.edges.length).toBeGreaterThan(0);
    expect((await gql(grafbaseUrl, HISTORY, { code }, lead)).data).toEqual(history.data);
  });

  it('forwards the token: without one the subgraphs refuse, as through our gateway', async () => {
    const ours = await gql(p.gatewayUrl, PAGE, {});
    const theirs = await gql(grafbaseUrl, PAGE, {});
    expect(ours.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(theirs.data?.subjects ?? null).toBeNull();
    // Grafbase reports the subgraph's refusal by its HTTP status.
    expect(theirs.errors?.[0]?.message).toMatch(/status code: 401/);
  });

  it('hides the internal API (@inaccessible) as our gateway does', async () => {
    const service = await tokenFor({ role: 'SERVICE', service: 'reports' });
    const query = '{ internalCommitmentStatus(creditCode: "91520100MA6DKXXX0X") { breached } }';
    for (const url of [p.gatewayUrl, grafbaseUrl]) {
      const r = await gql(url, query, {}, service);
      expect(r.data ?? null).toBeNull();
      expect(JSON.stringify(r.errors)).toMatch(/internalCommitmentStatus/);
    }
  });
});
