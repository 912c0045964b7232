import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { bearerToken, type TokenVerifier } from '../auth/jwt';
import type { Logger } from '../logging/logger';
import type { RequestInfo } from './httpServer';

/** What every resolver of every service can rely on. Subgraphs extend it with their loaders. */
export interface ServiceContext {
  requestId: string;
  log: Logger;
  principal?: Principal;
  /**
   * The client's address: at the gateway the peer (or its load balancer's word, TRUST_PROXY), in a
   * subgraph the address the gateway forwarded. Throttles key on it; it is never an identity.
   */
  clientIp?: string;
  /** Set by the subgraph server: the service's name and database (shared resolvers use them). */
  service?: string;
  dataSource?: DataSource;
}

/**
 * Authenticates the request once per call: no header -> anonymous (resolvers decide),
 * a malformed, forged or expired token -> UNAUTHENTICATED for the whole request.
 */
export async function authenticate(info: RequestInfo, verify: TokenVerifier): Promise<Principal | undefined> {
  const header = info.headers.authorization;
  const token = bearerToken(Array.isArray(header) ? header[0] : header);
  if (token === undefined) return undefined;
  if (token === null) {
    throw new GraphQLError('Authorization header must be "Bearer <token>"', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return verify(token);
}

export async function baseContext(info: RequestInfo, verify: TokenVerifier, log: Logger): Promise<ServiceContext> {
  const principal = info.authenticated ? info.principal : await authenticate(info, verify);
  return {
    requestId: info.requestId,
    principal,
    clientIp: info.ip,
    log: log.child({ requestId: info.requestId }),
  };
}
