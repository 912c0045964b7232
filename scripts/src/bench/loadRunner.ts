import autocannon from 'autocannon';

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  /** Builds each request body; `i` counts requests so bodies can vary. */
  body: (i: number) => string;
  /** GET requests to a varying path instead of POST bodies (the JSON verification address). */
  getPath?: (i: number) => string;
  /** Per-request headers (a different principal per request). */
  headersFor?: (i: number) => Record<string, string>;
}

export interface LoadResult {
  /** Responses received within the run. */
  requests: number;
  /** Requests sent, including those still in flight when the run ended (the servers do their work). */
  sent: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Every response's latency in ms, sorted (to merge rounds); not written to the JSON report. */
  latencies?: number[];
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

/**
 * Runs autocannon against one target. Latencies are collected per response (autocannon's own
 * summary has no p95); a 200 answer whose body holds GraphQL `errors` counts as an error.
 */
export async function runLoad(target: LoadTarget, connections: number, durationSeconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((res, rej) => {
    finish = res;
    fail = rej;
  });
  const instance = autocannon(
    {
      url: target.url,
      connections,
      duration: durationSeconds,
      requests: [
        {
          method: target.getPath ? 'GET' : 'POST',
          headers: target.getPath
            ? { accept: 'application/json', ...target.headers }
            : { 'content-type': 'application/json', ...target.headers },
          setupRequest: (req) => {
            const n = i++;
            const headers = { ...req.headers, ...(target.headersFor?.(n) ?? {}) };
            return target.getPath
              ? { ...req, path: target.getPath(n), headers }
              : { ...req, body: target.body(n), headers };
          },
          onResponse: (status, body) => {
            if (status !== 200 || body.includes('"errors"')) errors++;
          },
        },
      ],
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    sent: i,
    rps: latencies.length / durationSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
    latencies,
  };
}
