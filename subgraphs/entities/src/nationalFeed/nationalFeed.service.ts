import {
  auditRead,
  badUserInput,
  decodeCursor,
  encodeCursor,
  maskPersonName,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { SubjectEntity } from '../subject/subject.entity';
import { SubjectKind, type SubjectStatus } from '../subject/subject.type';
import { NationalSubject, type NationalSubjectConnection } from './nationalFeed.type';

/** GB/T 2260 province prefix of Guizhou. */
const GUIZHOU = '52';

/** A position in the feed: the row's updatedAt as the database stores it, then its code. */
type Position = [stamp: string, creditCode: string];

export interface FeedPage {
  rows: { subject: NationalSubject; position: Position }[];
  hasNextPage: boolean;
}

const isSqlite = (db: DataSource) => db.options.type === 'better-sqlite3';

/**
 * `2026-05-01T08:00:00.123Z` -> `2026-05-01 08:00:00`, which both databases compare with a stored
 * time. Whole seconds, because updates stamp whole seconds (TypeORM's CURRENT_TIMESTAMP on MySQL,
 * datetime('now') on SQLite): changedSince is inclusive, so a change in the same second is sent
 * again, never lost.
 */
export function feedStamp(field: string, iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) throw badUserInput(field, `"${iso}" is not an ISO 8601 time`);
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * Responsible for sharing out-of-province subjects' basic information with the national platform
 * (plan 三(五)): who is in the feed (organisations whose credit code names a registration region
 * outside Guizhou), which fields leave (the standard's minimal basic fields, legal representative
 * masked), in which order (oldest change first, keyset on updatedAt), and that every read is audited.
 */
export class NationalFeedService {
  constructor(private readonly db: DataSource) {}

  async page(
    ctx: ServiceContext,
    first: number,
    after?: string | null,
    changedSince?: string | null,
  ): Promise<NationalSubjectConnection> {
    const from = after ? this.position(after) : undefined;
    const since = changedSince ? feedStamp('changedSince', changedSince) : undefined;
    const { rows, hasNextPage } = await this.read(first, from, since);
    await auditRead(this.db, ctx, {
      action: 'subject.nationalFeed',
      subjectCodes: rows.map((r) => r.subject.creditCode),
    });
    const edges = rows.map((r) => ({ cursor: encodeCursor(r.position), node: r.subject }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** One page of the feed, unaudited: callers audit what they hand out (the resolver, the export). */
  async read(first: number, after?: Position, since?: string): Promise<FeedPage> {
    // The cursor keeps the time as stored (to the microsecond on MySQL): a millisecond Date would repeat
    // or skip rows. (An expression, not the bare column, which TypeORM would no longer map to the entity.)
    const stampSql = isSqlite(this.db)
      ? 'CAST(s.updatedAt AS TEXT)'
      : "DATE_FORMAT(s.updatedAt, '%Y-%m-%d %H:%i:%s.%f')";
    const qb: SelectQueryBuilder<SubjectEntity> = this.db
      .getRepository(SubjectEntity)
      .createQueryBuilder('s')
      .addSelect(stampSql, 'feed_stamp')
      .where('s.kind <> :person', { person: SubjectKind.NATURAL_PERSON })
      // Characters 3-8 of a unified social credit code are the registering authority's region.
      .andWhere('SUBSTR(s.creditCode, 3, 2) <> :province', { province: GUIZHOU })
      .orderBy('s.updatedAt', 'ASC')
      .addOrderBy('s.creditCode', 'ASC')
      .limit(first + 1);
    if (since) qb.andWhere('s.updatedAt >= :since', { since });
    if (after) {
      qb.andWhere('(s.updatedAt > :stamp OR (s.updatedAt = :stamp AND s.creditCode > :code))', {
        stamp: after[0],
        code: after[1],
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ feed_stamp: string; s_creditCode: string }>();
    const stamps = new Map(raw.map((r) => [r.s_creditCode, String(r.feed_stamp)]));
    const rows = entities.slice(0, first).map((e) => ({
      subject: toNationalSubject(e),
      position: [stamps.get(e.creditCode)!, e.creditCode] as Position,
    }));
    return { rows, hasNextPage: entities.length > first };
  }

  private position(cursor: string): Position {
    const [stamp, code] = decodeCursor(cursor);
    if (typeof stamp !== 'string' || typeof code !== 'string')
      throw badUserInput('after', 'is not a cursor returned by this API');
    return [stamp, code];
  }
}

export function toNationalSubject(e: SubjectEntity): NationalSubject {
  return Object.assign(new NationalSubject(), {
    creditCode: e.creditCode,
    name: e.name,
    kind: e.kind as SubjectKind,
    // The national platform owns no subject: personal data leaves masked (数据最小化).
    legalRepresentative: e.legalRepresentative ? maskPersonName(e.legalRepresentative) : null,
    registrationRegionCode: e.creditCode.slice(2, 8),
    guizhouRegionCode: e.regionCode,
    registrationAuthority: e.registrationAuthority,
    establishedOn: e.establishedOn,
    status: e.status as SubjectStatus,
    updatedAt: e.updatedAt.toISOString(),
  });
}
