import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { actorOf, type Cache, type SubjectChanges } from '@credit/shared';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context';
import { isCacheable, type CachePolicy } from './cachePolicy';

interface Entry {
  v: string;
  d: Record<string, unknown>;
}

/**
 * Whole-response cache for a subject reading its own history. Keyed by the principal, the
 * operation and its variables; valid while the subject's version (bumped by every write that
 * changes what the answer shows) is the one read before the operation ran. Only owners' reads
 * are cached: they are never audited, while a cache hit for anyone else would skip the audit.
 */
export function responseCachePlugin(opts: {
  cache: Cache;
  changes: SubjectChanges;
  ttlSeconds: number;
  policy: CachePolicy;
}): ApolloServerPlugin<GatewayContext> {
  // Whether a document may be cached depends only on its text: decide once per query hash.
  const verdicts = new LRUCache<string, boolean>({ max: 1000 });
  return {
    async requestDidStart() {
      let key: string | undefined;
      let version: string | undefined;
      return {
        async responseForOperation({
          contextValue,
          schema,
          document,
          operation,
          queryHash,
          request,
        }): Promise<GraphQLResponse | null> {
          const p = contextValue.principal;
          if (p?.role !== 'SUBJECT' || !operation) return null;
          const verdictKey = `${queryHash}\n${request.operationName ?? ''}`;
          let cacheable = verdicts.get(verdictKey);
          if (cacheable === undefined) {
            cacheable = isCacheable(schema, document, operation, opts.policy);
            verdicts.set(verdictKey, cacheable);
          }
          if (!cacheable) return null;
          key = `rc:${createHash('sha256')
            .update(
              `${actorOf(p)}\n${queryHash}\n${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`,
            )
            .digest('base64url')}`;
          let raw: string | undefined;
          let current: string;
          try {
            [raw, current] = await Promise.all([opts.cache.get(key), opts.changes.version(p.creditCode)]);
          } catch {
            // Cache unreachable: no version to trust, so neither serve nor store (bypass).
            key = undefined;
            return null;
          }
          version = current;
          if (raw) {
            const entry = JSON.parse(raw) as Entry;
            if (entry.v === current) {
              return {
                http: { status: 200, headers: new HeaderMap([['x-cache', 'HIT']]) },
                body: { kind: 'single', singleResult: { data: entry.d } },
              };
            }
          }
          return null;
        },
        async willSendResponse({ response }) {
          if (!key || version === undefined || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (response.http.headers.get('x-cache') === 'HIT') return;
          response.http.headers.set('x-cache', 'MISS');
          if (errors?.length || !data) return;
          await opts.cache
            .set(key, JSON.stringify({ v: version, d: data } satisfies Entry), opts.ttlSeconds)
            .catch(() => undefined); // an answer is never held back by the cache
        },
      };
    },
  };
}
