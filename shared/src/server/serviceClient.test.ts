import { createServer, type Server } from 'node:http';
import { parse } from 'graphql';
import { EMBEDDED_JWT_SECRET } from '../config/env';
import { createServiceClient, ServiceCallError } from './serviceClient';

/** What a caller (an outbox worker) learns from a callee's GraphQL error: send again, or park. */
describe('a service call answered with a GraphQL error', () => {
  let server: Server;
  let answer: unknown;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const failure = async (extensions: Record<string, unknown>) => {
    answer = { errors: [{ message: 'x', extensions }] };
    const call = createServiceClient({
      url,
      service: 'objections',
      auth: { issuer: 'gz-credit-platform', audience: 'gz-credit-graph', secret: EMBEDDED_JWT_SECRET },
    });
    return call(parse('{ __typename }'), {}).then(
      () => undefined,
      (err: ServiceCallError) => err,
    );
  };

  it('is retryable when the callee says nothing was committed (its database failed over)', async () => {
    expect(await failure({ code: 'SERVICE_UNAVAILABLE', retryable: true })).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
    });
  });

  it('is final when the callee refuses the request itself', async () => {
    expect(await failure({ code: 'BAD_USER_INPUT' })).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
  });
});
