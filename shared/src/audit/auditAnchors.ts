import { createHash, createHmac } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../logging/logger';
import { AuditAnchorEntity } from './auditAnchor.entity';
import { AuditEntry } from './auditEntry.entity';

/** Development and tests only: production refuses to start without its own AUDIT_ANCHOR_KEY. */
export const EMBEDDED_AUDIT_ANCHOR_KEY = 'embedded-audit-anchor-key-not-for-production-0001';

/** Rows per anchor: its row list stays well inside a TEXT column (about 22 bytes a row). */
export const ANCHOR_BATCH_ROWS = 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Every stored field of a row, unambiguously joined: a changed field changes the hash. */
export function auditRowHash(r: AuditEntry): string {
  const at = new Date(r.at).toISOString();
  const fields = [r.id, at, r.actor, r.role, r.action, r.subjectCode ?? '\u0000', r.target ?? '\u0000', r.requestId];
  return sha256(JSON.stringify(fields)).slice(0, 16);
}

export function anchorDigest(
  previousDigest: string,
  a: Pick<AuditAnchorEntity, 'fromId' | 'lastId' | 'rowCount' | 'rowHashes'>,
): string {
  return sha256(`${previousDigest}|${a.fromId}|${a.lastId}|${a.rowCount}|${a.rowHashes}`);
}

export const anchorMac = (key: string, digest: string) => createHmac('sha256', key).update(digest).digest('hex');

/** Reads on the primary: a replica's lag would make a seal miss rows or a check see rows missing. */
async function onPrimary<T>(ds: DataSource, work: (qr: QueryRunner) => Promise<T>): Promise<T> {
  const qr = ds.createQueryRunner('master');
  try {
    return await work(qr);
  } finally {
    await qr.release();
  }
}

const lastAnchor = (qr: QueryRunner) =>
  qr.manager.getRepository(AuditAnchorEntity).createQueryBuilder('n').orderBy('n.lastId', 'DESC').limit(1).getOne();

const rowsAfter = (qr: QueryRunner, afterId: number, upToId: number | undefined, limit: number) => {
  const qb = qr.manager
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .where('a.id > :afterId', { afterId })
    .orderBy('a.id', 'ASC')
    .limit(limit);
  if (upToId !== undefined) qb.andWhere('a.id <= :upToId', { upToId });
  return qb.getMany();
};

const isDuplicate = (err: unknown) => {
  const e = err as { code?: string; errno?: number; message?: string };
  return e.code === 'ER_DUP_ENTRY' || e.errno === 1062 || /UNIQUE constraint failed/.test(e.message ?? '');
};

/**
 * Seals the audit rows after the last anchor (up to `upToId`) in anchors of ANCHOR_BATCH_ROWS rows.
 * Off the request path: audited reads and grouped writes never wait for it. Replicas may race; the
 * unique fromId lets one win and the other stop. Returns how many anchors this call wrote.
 */
export async function sealAuditRows(ds: DataSource, key: string, upToId?: number): Promise<number> {
  return onPrimary(ds, async (qr) => {
    let written = 0;
    for (;;) {
      const last = await lastAnchor(qr);
      const fromId = last?.lastId ?? 0;
      const rows = await rowsAfter(qr, fromId, upToId, ANCHOR_BATCH_ROWS);
      if (!rows.length) return written;
      const fields = {
        fromId,
        lastId: rows[rows.length - 1].id,
        rowCount: rows.length,
        rowHashes: rows.map((r) => `${r.id}:${auditRowHash(r)}`).join(','),
      };
      const digest = anchorDigest(last?.digest ?? '', fields);
      try {
        await qr.manager.getRepository(AuditAnchorEntity).insert({ ...fields, digest, mac: anchorMac(key, digest) });
      } catch (err) {
        if (isDuplicate(err)) return written; // another replica sealed these rows first
        throw err;
      }
      written++;
    }
  });
}

/**
 * A service's sealing loop: every `intervalMs`, seal the rows that already existed two ticks ago.
 * Waiting lets a transaction that took an id before a larger one commit first (anything shorter than
 * two intervals), so a seal never closes a range a late commit would still add a row to.
 */
export class AuditAnchoring {
  private readonly horizons: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly ds: DataSource,
    private readonly key: string,
    private readonly logger: Logger,
    private readonly intervalMs = 30_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  tick(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const [{ top }] = (await this.ds.query('SELECT MAX(id) AS top FROM audit_log')) as { top: unknown }[];
        if (this.horizons.length === 2) {
          const written = await sealAuditRows(this.ds, this.key, this.horizons.shift());
          // The log carries each head elsewhere: a witness a database administrator cannot rewrite.
          if (written) this.logger.info({ head: await auditHead(this.ds) }, 'audit rows sealed');
        }
        this.horizons.push(top === null || top === undefined ? 0 : Number(top));
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'sealing the audit log failed; retried next tick');
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

export async function auditHead(ds: DataSource): Promise<{ lastId: number; digest: string } | undefined> {
  const last = await onPrimary(ds, lastAnchor);
  return last ? { lastId: last.lastId, digest: last.digest } : undefined;
}

export interface AuditChainReport {
  anchors: number;
  sealedRows: number;
  /** Rows after the last anchor (written since the last seal; not yet verifiable). */
  unsealedRows: number;
  head?: { lastId: number; digest: string };
  /** The first problem found, naming the row or anchor. */
  problem?: string;
}

/** Walks every anchor in order and compares it with the rows: the first missing, changed or added row fails it. */
export async function verifyAuditChain(ds: DataSource, key: string): Promise<AuditChainReport> {
  return onPrimary(ds, async (qr) => {
    const report: AuditChainReport = { anchors: 0, sealedRows: 0, unsealedRows: 0 };
    const anchors = await qr.manager.getRepository(AuditAnchorEntity).find({ order: { fromId: 'ASC' } });
    let previous: AuditAnchorEntity | undefined;
    for (const a of anchors) {
      const fail = (problem: string) => ({ ...report, problem });
      const expectedFrom = previous?.lastId ?? 0;
      if (a.fromId !== expectedFrom) {
        return fail(
          `anchor ${a.id} starts after row ${a.fromId}, but the previous anchor ends at row ${expectedFrom}: an anchor is missing`,
        );
      }
      const digest = anchorDigest(previous?.digest ?? '', a);
      if (digest !== a.digest) return fail(`anchor ${a.id} (rows ${a.fromId + 1}..${a.lastId}) was altered`);
      if (anchorMac(key, a.digest) !== a.mac) {
        return fail(`anchor ${a.id} (rows ${a.fromId + 1}..${a.lastId}) is not signed with this AUDIT_ANCHOR_KEY`);
      }
      const sealed = a.rowHashes.split(',').map((x) => {
        const [id, hash] = x.split(':');
        return { id: Number(id), hash };
      });
      const rows = await rowsAfter(qr, a.fromId, a.lastId, a.rowCount + ANCHOR_BATCH_ROWS + 1);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const s of sealed) {
        const row = byId.get(s.id);
        if (!row) return fail(`audit row ${s.id} is missing (sealed by anchor ${a.id})`);
        if (auditRowHash(row) !== s.hash) return fail(`audit row ${s.id} was changed after anchor ${a.id} sealed it`);
      }
      if (rows.length !== sealed.length) {
        const known = new Set(sealed.map((s) => s.id));
        const extra = rows.find((r) => !known.has(r.id))!;
        return fail(`audit row ${extra.id} was added inside rows anchor ${a.id} had already sealed`);
      }
      report.anchors++;
      report.sealedRows += sealed.length;
      previous = a;
    }
    const [{ n }] = (await qr.query(`SELECT COUNT(*) AS n FROM audit_log WHERE id > ?`, [previous?.lastId ?? 0])) as {
      n: unknown;
    }[];
    report.unsealedRows = Number(n);
    if (previous) report.head = { lastId: previous.lastId, digest: previous.digest };
    return report;
  });
}
