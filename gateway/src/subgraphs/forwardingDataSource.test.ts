import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceMetrics } from '@credit/shared';
import { ForwardingDataSource } from './forwardingDataSource';

interface Seen {
  headers: IncomingHttpHeaders;
  clientPort: number | undefined;
  body: { query: string; variables?: Record<string, unknown> };
}

/** A stand-in subgraph: records what it was sent and answers after `delayMs`. */
async function fakeSubgraph(answer: { status: number; body: string; delayMs?: number }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, clientPort: req.socket.remotePort, body: JSON.parse(raw) });
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'max-age=30, public' });
        res.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const QUERY = 'query Q($n: String!) { report(number: $n) { number } }';
const call = (ds: ForwardingDataSource, context: Record<string, unknown>, query = QUERY) =>
  ds.process({
    // The enum is not exported from the package root; its value is part of the public contract.
    kind: 'health check' as never,
    request: { query, variables: { n: 'GZ1' }, http: { method: 'POST', url: '', headers: new Headers() } },
    context: context as never,
  });

describe('ForwardingDataSource', () => {
  const metrics = new ServiceMetrics('gateway-test');
  const open: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  it('forwards the operation with the caller token and request id, and returns the subgraph answer', async () => {
    const sg = await fakeSubgraph({ status: 200, body: JSON.stringify({ data: { report: { number: 'GZ1' } } }) });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    const result = await call(ds, { requestId: 'req-42', authorization: 'Bearer abc' });
    expect(result.data).toEqual({ report: { number: 'GZ1' } });
    expect(sg.seen).toHaveLength(1);
    expect(sg.seen[0].body).toMatchObject({
      query: expect.stringContaining('report(number: $n)'),
      variables: { n: 'GZ1' },
    });
    expect(sg.seen[0].headers.authorization).toBe('Bearer abc');
    expect(sg.seen[0].headers['x-request-id']).toBe('req-42');
    expect(sg.seen[0].headers['content-type']).toContain('application/json');
  });

  it('reuses kept-alive connections for consecutive calls', async () => {
    const sg = await fakeSubgraph({ status: 200, body: '{"data":{"report":null}}' });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    for (let i = 0; i < 6; i++) await call(ds, { requestId: `r${i}` });
    expect(sg.seen).toHaveLength(6);
    // The pool may open a second socket while the first is being released; never one per call.
    expect(new Set(sg.seen.map((s) => s.clientPort)).size).toBeLessThanOrEqual(2);
  });

  it('shares one subgraph call among identical concurrent queries of the same caller only', async () => {
    const sg = await fakeSubgraph({ status: 200, body: '{"data":{"report":{"number":"GZ1"}}}', delayMs: 50 });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    const lead = { authorization: 'Bearer lead' };
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => call(ds, { ...lead, requestId: `same-${i}` })),
      call(ds, { authorization: 'Bearer other', requestId: 'other' }),
    ]);
    expect(results.map((r) => r.data)).toEqual(Array(6).fill({ report: { number: 'GZ1' } }));
    expect(results[0].data).not.toBe(results[1].data);
    expect(sg.seen.map((s) => s.headers.authorization).sort()).toEqual(['Bearer lead', 'Bearer other']);
    // Once answered, the next identical query goes to the subgraph again.
    await call(ds, { ...lead, requestId: 'later' });
    expect(sg.seen).toHaveLength(3);
  });

  it('never shares the calls of anonymous callers, each of whom is audited', async () => {
    const sg = await fakeSubgraph({ status: 200, body: '{"data":{"report":null}}', delayMs: 50 });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    await Promise.all([call(ds, { requestId: 'anon-1' }), call(ds, { requestId: 'anon-2' })]);
    expect(sg.seen.map((s) => s.headers['x-request-id']).sort()).toEqual(['anon-1', 'anon-2']);
  });

  it('never shares a mutation', async () => {
    const sg = await fakeSubgraph({ status: 200, body: '{"data":{"issueReport":{"number":"GZ1"}}}', delayMs: 50 });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    const m = 'mutation M($n: String!) { issueReport(input: { creditCode: $n }) { number } }';
    await Promise.all([
      call(ds, { requestId: 'a', authorization: 'Bearer s' }, m),
      call(ds, { requestId: 'b', authorization: 'Bearer s' }, m),
    ]);
    expect(sg.seen).toHaveLength(2);
  });

  it("passes a refusal's GraphQL errors on with their codes, whatever the HTTP status", async () => {
    const body = '{"errors":[{"message":"slow down","extensions":{"code":"VERIFICATION_LOCKED"}}]}';
    const sg = await fakeSubgraph({ status: 429, body });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    const answer = await call(ds, { requestId: 'r' });
    expect(answer.errors).toEqual([{ message: 'slow down', extensions: { code: 'VERIFICATION_LOCKED' } }]);
  });

  it('turns a non-GraphQL answer into SERVICE_UNAVAILABLE without the URL or the body', async () => {
    const sg = await fakeSubgraph({ status: 502, body: '<html>bad gateway at 10.0.0.7</html>' });
    const ds = new ForwardingDataSource('reports', sg.url, 2_000, metrics);
    open.push(sg, ds);
    const err = await call(ds, { requestId: 'r' }).catch((e: { message: string; extensions: object }) => e);
    expect(err).toMatchObject({
      message: 'subgraph reports answered HTTP 502',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
    expect(JSON.stringify(err)).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7/);
  });

  it('gives up on a subgraph that does not answer in time, naming it', async () => {
    // Far beyond the time-out, so that a loaded machine cannot deliver the answer first.
    const sg = await fakeSubgraph({ status: 200, body: '{"data":{}}', delayMs: 3_000 });
    const ds = new ForwardingDataSource('records', sg.url, 100, metrics);
    open.push(ds, sg);
    await expect(call(ds, { requestId: 'r' })).rejects.toThrow('subgraph records did not answer within 100 ms');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/subgraph="records",outcome="timeout"/);
  });
});
