import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { sqlStatements } from '../../db/statementCounter';
import { REQUEST_ID_HEADER } from '../../logging/logger';

export interface BridgeOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: () => Promise<C>;
  requestId: string;
  /** Adds `x-sql-statements` (the statements the request ran) to the response. */
  exposeSqlCount?: boolean;
}

/** Hands a node:http request to Apollo Server and writes its answer back, streamed or whole. */
export async function executeGraphQL<C extends BaseContext>(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: unknown,
  opts: BridgeOptions<C>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const run = async () => {
    const r = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: opts.context,
    });
    return { r, statements: opts.exposeSqlCount ? sqlStatements.current() : 0 };
  };
  // The per-request scope is an AsyncLocalStorage, which turns on promise hooks for every promise
  // of the process (a few per cent of a subgraph's CPU): only entered when the count is exposed.
  const result = opts.exposeSqlCount ? await sqlStatements.track(run) : await run();
  const { r } = result;
  const outHeaders: Record<string, string> = { [REQUEST_ID_HEADER]: opts.requestId };
  for (const [k, v] of r.headers) outHeaders[k] = v;
  if (opts.exposeSqlCount) outHeaders['x-sql-statements'] = String(result.statements);
  if (r.body.kind === 'complete') {
    outHeaders['content-length'] = String(Buffer.byteLength(r.body.string));
    res.writeHead(r.status ?? 200, outHeaders);
    res.end(r.body.string);
  } else {
    res.writeHead(r.status ?? 200, outHeaders);
    for await (const chunk of r.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
