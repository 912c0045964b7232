import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { domainError, ErrorCode, type Cache } from '@credit/shared';
import type { GatewayContext } from '../context';

/** Automatic persisted queries stored in the platform cache (Redis in production, memory embedded). */
export class PersistedQueryStore implements KeyValueCache<string> {
  constructor(
    private readonly cache: Cache,
    private readonly defaultTtlSeconds: number,
  ) {}
  // While the cache is unreachable APQ is bypassed: a hash alone is not found (the client then
  // sends the query, as APQ clients do), and a registration is not kept.
  get(key: string) {
    return this.cache.get(`apq:${key}`).catch(() => undefined);
  }
  async set(key: string, value: string, options?: { ttl?: number | null }) {
    await this.cache.set(`apq:${key}`, value, options?.ttl ?? this.defaultTtlSeconds).catch(() => undefined);
  }
  async delete(key: string) {
    await this.cache.del(`apq:${key}`).catch(() => undefined);
    return true;
  }
}

/** `{ "partners": { "<partnerId>": ["<sha256 of the query text>", ...] } }` */
export interface Safelist {
  partners: Record<string, string[]>;
}

export function loadSafelist(file: string): Safelist {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Safelist;
  if (!parsed || typeof parsed.partners !== 'object')
    throw new Error(`${file}: expected { "partners": { "<partnerId>": [hashes] } }`);
  return parsed;
}

export const operationHash = (query: string) => createHash('sha256').update(query).digest('hex');

/**
 * Safelist mode for exchange partners: a PARTNER principal may run only the operations
 * registered for its partner id (by SHA-256 of the query text, the same hash APQ uses).
 */
export function safelistPlugin(list: Safelist): ApolloServerPlugin<GatewayContext> {
  const allowed = new Map(
    Object.entries(list.partners).map(([id, hashes]) => [id, new Set(hashes.map((h) => h.toLowerCase()))]),
  );
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, source, queryHash }) {
          const p = contextValue.principal;
          if (p?.role !== 'PARTNER') return;
          const hash = queryHash ?? operationHash(source ?? '');
          if (!allowed.get(p.partnerId)?.has(hash)) {
            throw domainError(
              ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
              `operation ${hash.slice(0, 12)}… is not registered for partner ${p.partnerId}`,
              {
                operationHash: hash,
              },
            );
          }
        },
      };
    },
  };
}
