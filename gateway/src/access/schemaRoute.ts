import {
  authenticate,
  ErrorCode,
  requestError,
  type Principal,
  type Rejection,
  type RequestInfo,
  type RouteHandler,
  type TokenVerifier,
} from '@credit/shared';
import { printSchema, type GraphQLSchema } from 'graphql';

/**
 * GET /schema.graphql: the API schema as SDL (no federation machinery, no @inaccessible internal
 * fields), for schema tools that read a file rather than introspect. The same callers as
 * introspection: anyone with a token, anonymous callers only outside production.
 */
export function schemaRoute(opts: {
  apiSchema: () => GraphQLSchema | undefined;
  anonymousAllowed: boolean;
  verify: TokenVerifier;
  throttle: (info: RequestInfo, principal: Principal | undefined) => Promise<Rejection | undefined>;
}): Record<string, RouteHandler> {
  let printed: { schema: GraphQLSchema; sdl: string } | undefined;
  const handler: RouteHandler = async (_req, res, info) => {
    let principal: Principal | undefined;
    try {
      principal = await authenticate(info, opts.verify);
    } catch (err) {
      return requestError(res, 401, ErrorCode.UNAUTHENTICATED, (err as Error).message, info.requestId);
    }
    const rejected = await opts.throttle(info, principal);
    if (rejected)
      return requestError(
        res,
        rejected.status,
        rejected.code,
        rejected.message,
        info.requestId,
        rejected.headers,
        rejected.extensions,
      );
    if (!principal && !opts.anonymousAllowed)
      return requestError(res, 401, ErrorCode.UNAUTHENTICATED, 'the schema requires a bearer token', info.requestId);
    const schema = opts.apiSchema();
    if (!schema)
      return requestError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'the schema is not loaded yet', info.requestId);
    if (printed?.schema !== schema) printed = { schema, sdl: printSchema(schema) };
    res.writeHead(200, {
      'content-type': 'application/graphql; charset=utf-8',
      'content-length': Buffer.byteLength(printed.sdl),
      'cache-control': 'private, max-age=60',
      'x-content-type-options': 'nosniff',
    });
    res.end(printed.sdl);
  };
  return { '/schema.graphql': handler };
}
