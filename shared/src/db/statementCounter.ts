import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger';

interface Scope {
  statements: number;
}
const scope = new AsyncLocalStorage<Scope>();
let total = 0;

/**
 * Counts every SQL statement TypeORM sends, in total and per request scope. The performance
 * budget "statements per operation do not grow with list length" is checked with these counts.
 */
export const sqlStatements = {
  get total(): number {
    return total;
  },
  /** Runs `fn` in a fresh scope; `current()` inside it returns the statements issued so far. */
  track<T>(fn: () => T): T {
    return scope.run({ statements: 0 }, fn);
  },
  current(): number {
    return scope.getStore()?.statements ?? 0;
  },
};

/** Statements the logger cannot see one by one: the extra ones of a multi-statement query. */
export function countStatements(n: number): void {
  total += n;
  const s = scope.getStore();
  if (s) s.statements += n;
}

export class CountingSqlLogger implements TypeOrmLogger {
  constructor(private readonly out?: Logger) {}
  logQuery(query: string): void {
    total++;
    const s = scope.getStore();
    if (s) s.statements++;
    this.out?.trace({ sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.out?.warn({ err: String(error), sql: query.slice(0, 500) }, 'sql error');
  }
  logQuerySlow(time: number, query: string): void {
    this.out?.warn({ ms: time, sql: query.slice(0, 500) }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.out?.debug({ schema: message }, 'schema build');
  }
  logMigration(message: string): void {
    this.out?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out?.warn(String(message));
  }
}
