import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, Socket } from 'node:net';
import { DEMO_SUBJECTS } from '@credit/shared';
import { tokenFor } from '@credit/shared/test';
import { entities, records, startPlatform, type Platform } from '../platform';
import { extraGateway } from '../security/support';

// Fault: Redis stops for ~10 s under a light load through the gateway. The test runs its own
// redis-server on a free port (whatever REDIS_URL says), so that stopping it disturbs nobody.
const OUTAGE_MS = 10_000;
const CLIENT_TIMEOUT_MS = 5_000;

function redisServerOnPath(): void {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error('redis-server is not on PATH: install it (Debian: apt-get install redis-server)');
  }
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** One RESP command over a fresh connection; undefined when nothing answers. */
function redisCommand(port: number, ...args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let out = '';
    const done = (v: string | undefined) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(1000, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('data', (d) => {
      out += d.toString();
      if (out.endsWith('\r\n')) done(out);
    });
    socket.connect(port, '127.0.0.1', () =>
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`),
    );
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  while ((await redisCommand(port, 'PING')) !== '+PONG\r\n') await sleep(50);
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  phase: string;
  what: string;
  status: number;
  codes: string[];
  failure?: string;
}

let port: number;
let redis: ChildProcess;
let p: Platform;
let origin: string;

beforeAll(async () => {
  redisServerOnPath();
  port = await freePort();
  redis = await startRedis(port);
  p = await startPlatform([entities, records], {
    REDIS_URL: `redis://127.0.0.1:${port}`,
    // The production default, which the shared test environment relaxes for loaded test machines.
    REDIS_COMMAND_TIMEOUT_MS: '200',
    SEED_DEMO: 'true',
    RESPONSE_CACHE: 'on',
    RATE_LIMIT_PER_PRINCIPAL: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_IP: '1000000',
  });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
}, 120_000);

afterAll(async () => {
  await p?.stop();
  if (redis) await stopRedis(redis);
});

it('serves through a Redis outage with coded answers only, says degraded, and recovers by itself', async () => {
  const subject = DEMO_SUBJECTS.ENTERPRISE;
  const subjectToken = await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode });
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const HISTORY = `query($c: String!) { subject(creditCode: $c) { name records(first: 5) { edges { node { id } } } } }`;
  const APQ_QUERY = '{ domains { code } }';
  const apq = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(APQ_QUERY).digest('hex') } };
  // A gateway with a tiny budget, to show that rate limits still hold while Redis is away.
  // A window of an hour: no window boundary falls between its five requests.
  const strict = await extraGateway(p, { RATE_LIMIT_PER_PRINCIPAL: '3', RATE_LIMIT_WINDOW_SECONDS: '3600' });

  let phase = 'before';
  const answers: Answer[] = [];
  async function call(what: string, body: unknown, token?: string): Promise<Answer> {
    const a: Answer = { phase, what, status: 0, codes: [] };
    try {
      const res = await fetch(p.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      a.status = res.status;
      const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      a.codes = (json.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
    } catch (err) {
      a.failure = (err as Error).name === 'TimeoutError' ? 'client time-out' : String(err);
    }
    answers.push(a);
    return a;
  }

  // Light load: three clients, each one request after another.
  let running = true;
  let renamed = 0;
  const client = async (n: number) => {
    for (let i = 0; running; i++) {
      const k = (i + n) % 4;
      if (k === 0) await call('anonymous', { query: '{ regions { code } }' });
      else if (k === 1)
        await call(
          'own history (response cache)',
          { query: HISTORY, variables: { c: subject.creditCode } },
          subjectToken,
        );
      else if (k === 2) await call('apq', { query: APQ_QUERY, extensions: apq });
      else if (n !== 0) await call('anonymous', { query: '{ regions { code } }' });
      else {
        // Writes from one client only, so that the last one sent is the last one committed.
        const name = `${subject.name}·${++renamed}`;
        await call(
          'write (subject change)',
          {
            query: 'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { updated } }',
            variables: {
              s: [{ creditCode: subject.creditCode, kind: subject.kind, regionCode: subject.regionCode, name }],
            },
          },
          lead,
        );
      }
      await sleep(20);
    }
  };
  const load = [client(0), client(1), client(2)];
  const ready = async () => {
    const res = await fetch(`${origin}/health/ready`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    return { http: res.status, ...((await res.json()) as { status: string; checks: Record<string, string> }) };
  };

  await sleep(1500);
  expect(await ready()).toMatchObject({ http: 200, status: 'ready', checks: { cache: 'up', subgraphs: 'up' } });

  // Outage.
  phase = 'outage';
  await stopRedis(redis);
  const outageStarted = Date.now();
  const readiness = [];
  const strictCodes = [];
  const strictToken = await tokenFor({ role: 'ANALYST', sub: `strict-${Date.now()}` });
  while (Date.now() - outageStarted < OUTAGE_MS) {
    readiness.push(await ready());
    if (strictCodes.length < 5) {
      const res = await fetch(strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${strictToken}` },
        body: '{"query":"{ regions { code } }"}',
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      strictCodes.push(
        ((await res.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0].extensions.code ?? 'OK',
      );
    }
    await sleep(500);
  }

  // Redis returns on the same port, empty; nothing is restarted on the platform's side.
  phase = 'recovery';
  redis = await startRedis(port);
  const back = Date.now();
  let r = await ready();
  while (r.checks.cache !== 'up') {
    await sleep(50);
    r = await ready();
  }
  const readyAfterMs = Date.now() - back;
  // Caching works again: the same own-history query twice, the second from the response cache.
  const variables = { c: subject.creditCode };
  let hitAfterMs = -1;
  for (;;) {
    await call('own history (response cache)', { query: HISTORY, variables }, subjectToken);
    const res = await fetch(p.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${subjectToken}` },
      body: JSON.stringify({ query: HISTORY, variables }),
    });
    if (res.headers.get('x-cache') === 'HIT') {
      hitAfterMs = Date.now() - back;
      break;
    }
    await sleep(100);
  }
  phase = 'after';
  await sleep(1000);
  running = false;
  await Promise.all(load);
  await strict.stop();

  const counts = (ph: string) => answers.filter((a) => a.phase === ph).length;
  process.stdout.write(
    `redis outage of ${OUTAGE_MS / 1000} s: ${answers.length} requests (before ${counts('before')}, outage ${counts('outage')}, ` +
      `recovery ${counts('recovery')}, after ${counts('after')}); readiness up ${readyAfterMs} ms and response cache ` +
      `hitting ${hitAfterMs} ms after redis-server was back\n`,
  );

  // Every answer: a success or a coded error; no time-out, no 5xx without a code.
  const bad = answers.filter(
    (a) => a.failure || a.codes.includes('NO_CODE') || (a.status >= 500 && a.codes.length === 0),
  );
  expect(bad).toEqual([]);
  // Served during the outage, not merely answered: reads and writes succeeded.
  const outage = answers.filter((a) => a.phase === 'outage');
  expect(outage.filter((a) => a.status === 200 && a.codes.length === 0).length).toBeGreaterThan(0);
  for (const what of ['anonymous', 'own history (response cache)', 'write (subject change)', 'apq'])
    expect([what, outage.some((a) => a.what === what && a.codes.length === 0)]).toEqual([what, true]);
  // Readiness answered throughout, and said degraded (HTTP 200: still serving).
  expect(readiness.length).toBeGreaterThan(0);
  for (const x of readiness)
    expect(x).toMatchObject({ http: 200, status: 'degraded', checks: { cache: 'down', subgraphs: 'up' } });
  // Rate limits held, counted in the gateway's own memory.
  expect(strictCodes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
  // Back on Redis: the counters are written there again.
  const keys = await redisCommand(port, 'KEYS', `${p.env.CACHE_PREFIX}:gateway:rl:*`);
  expect(keys).toMatch(/^\*[1-9]/);
  // The last write is what the subject sees now (no stale cached history outlived the outage).
  const now = await fetch(p.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${subjectToken}` },
    body: JSON.stringify({ query: HISTORY, variables }),
  });
  expect(((await now.json()) as { data: { subject: { name: string } } }).data.subject.name).toBe(
    `${subject.name}·${renamed}`,
  );
}, 180_000);
