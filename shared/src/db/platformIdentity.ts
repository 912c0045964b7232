import { createHash, randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { isMysql } from './database';

// An in-memory database is this process's alone: nothing elsewhere can be the same platform.
const processOnly = randomUUID();

/**
 * Which platform a service's database belongs to, as a SHA-256 fingerprint that every service and
 * command of one platform computes alike from its own live connection:
 *   - `PLATFORM_ID` when the operator names the platform (all its services and commands then set it);
 *   - MySQL: the server as it names itself (`@@hostname`, `@@port`) and the schema prefix the
 *     platform's `<prefix>_<service>` schemas share, so that `127.0.0.1:3306` and `mysql:3306` seen
 *     from a container are one server, and `perf_*` and `big_*` on it are two platforms;
 *   - SQLite: the real path of the data directory that holds every service's `<service>.sqlite`.
 * A fingerprint, not the location itself: it is answered on a health route.
 */
export async function platformIdentity(ds: DataSource, service: string, platformId?: string): Promise<string> {
  return createHash('sha256')
    .update(await platformLocation(ds, service, platformId))
    .digest('hex');
}

async function platformLocation(ds: DataSource, service: string, platformId?: string): Promise<string> {
  if (platformId) return `named:${platformId}`;
  if (isMysql(ds)) {
    // The primary (replicas may be other servers): DataSource.query runs on the master.
    const [row] = (await ds.query('SELECT @@hostname AS host, @@port AS port, DATABASE() AS db')) as {
      host: string;
      port: number | string;
      db: string;
    }[];
    const suffix = `_${service}`;
    const prefix = row.db.endsWith(suffix) ? row.db.slice(0, -suffix.length) : row.db;
    return `mysql:${row.host}:${row.port}/${prefix}`;
  }
  const file = String(ds.options.database);
  if (file === ':memory:' || file === '') return `memory:${processOnly}`;
  return `sqlite:${realpathSync(dirname(resolve(file)))}`;
}
