import {
  chunks,
  audit,
  auditRead,
  badUserInput,
  decodeCursor,
  encodeCursor,
  EntityRows,
  NO_SUBJECT_CHANGES,
  placeholders,
  type Principal,
  Role,
  type ServiceContext,
  type SubjectChanges,
} from '@credit/shared';
import { In, type DataSource } from 'typeorm';
import { findRegion } from '../region/regionCatalogue';
import { SubjectEntity } from './subject.entity';
import {
  RowVerdict,
  SubjectRowReason,
  SubjectRowResult,
  UpsertSubjectsPayload,
  type SubjectFilter,
  type SubjectInput,
} from './subject.inputs';
import { toSubjectView } from './subjectAccess';
import { validateSubjectInput, type NormalizedSubject } from './subjectValidation';
import { SubjectConnection, SubjectKind } from './subject.type';

export const MAX_UPSERT_ROWS = 1000;
const IN_CHUNK = 500;

const FIELDS: (keyof NormalizedSubject)[] = [
  'kind',
  'name',
  'legalRepresentative',
  'regionCode',
  'registrationAuthority',
  'establishedOn',
  'status',
];

/** Responsible for the subject register: batched lookups, paged listing and validated upserts. */
/** Part of a name as a LIKE pattern: its own %, _ and the escape character match literally. */
function likePattern(raw: string): string {
  const text = raw.trim();
  if (Array.from(text).length < 2) throw badUserInput('filter.nameContains', 'give at least 2 characters of the name');
  if (Array.from(text).length > 50) throw badUserInput('filter.nameContains', 'must be at most 50 characters');
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

export class SubjectService {
  /** Subjects read with plain SQL: the loaders of every federated read of a subject go through it. */
  private readonly rows: EntityRows<SubjectEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly changes: SubjectChanges = NO_SUBJECT_CHANGES,
  ) {
    this.rows = new EntityRows(db, SubjectEntity, 's');
  }

  async findByCodes(codes: readonly string[]): Promise<SubjectEntity[]> {
    const out: SubjectEntity[] = [];
    for (const part of chunks([...codes], IN_CHUNK))
      out.push(...(await this.rows.where(`s.\`creditCode\` IN (${placeholders(part.length)})`, part)));
    return out;
  }

  /** Keyset-paged by credit code. Source units do not list natural persons (minimal sharing). */
  async list(
    ctx: ServiceContext,
    filter: SubjectFilter | undefined,
    first: number,
    after?: string | null,
  ): Promise<SubjectConnection> {
    const p = ctx.principal as Principal;
    if (filter?.regionCode && !findRegion(filter.regionCode)) {
      throw badUserInput('filter.regionCode', `unknown region "${filter.regionCode}"`);
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const and = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (filter?.kind) and('s.`kind` = ?', filter.kind);
    if (filter?.regionCode) and('s.`regionCode` = ?', filter.regionCode);
    if (filter?.status) and('s.`status` = ?', filter.status);
    if (filter?.nameContains != null) and("s.`name` LIKE ? ESCAPE '!'", `%${likePattern(filter.nameContains)}%`);
    // A window finds the organisation a visitor names; listing the register or people by name is not its job.
    if (p.role === Role.OPERATOR && filter?.nameContains == null)
      throw badUserInput('filter.nameContains', 'an operator finds subjects by part of their name');
    if (p.role === Role.SOURCE_UNIT || p.role === Role.OPERATOR) and('s.`kind` <> ?', SubjectKind.NATURAL_PERSON);
    if (after) {
      const [code] = decodeCursor(after);
      if (typeof code !== 'string') throw badUserInput('after', 'is not a cursor returned by this API');
      and('s.`creditCode` > ?', code);
    }
    // `first` is a validated page size (pageSize), never text from the request.
    const rows = await this.rows.where(
      `${where.length ? where.join(' AND ') : '1 = 1'} ORDER BY s.\`creditCode\` ASC LIMIT ${Math.trunc(first) + 1}`,
      params,
    );
    const page = rows.slice(0, first);
    await auditRead(this.db, ctx, { action: 'subject.list', subjectCodes: page.map((r) => r.creditCode) });
    const edges = page.map((r) => ({ cursor: encodeCursor([r.creditCode]), node: toSubjectView(r, p) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * Valid rows are written in one transaction; invalid rows change nothing and come back with
   * every reason. Re-sending the same batch yields UNCHANGED for every valid row.
   */
  async upsert(ctx: ServiceContext, inputs: SubjectInput[]): Promise<UpsertSubjectsPayload> {
    if (inputs.length === 0) throw badUserInput('subjects', 'must contain at least one row');
    if (inputs.length > MAX_UPSERT_ROWS) {
      throw badUserInput('subjects', `at most ${MAX_UPSERT_ROWS} rows per call, got ${inputs.length}`, {
        max: MAX_UPSERT_ROWS,
        got: inputs.length,
      });
    }
    const results: SubjectRowResult[] = [];
    const valid = new Map<string, { index: number; subject: NormalizedSubject }>();
    inputs.forEach((input, index) => {
      const { subject, problems } = validateSubjectInput(input);
      const code = subject?.creditCode ?? String(input.creditCode ?? '');
      if (subject && valid.has(code)) {
        problems.push({
          field: 'creditCode',
          code: SubjectRowReason.DUPLICATE_IN_BATCH,
          message: `duplicate of row ${valid.get(code)!.index} in this batch`,
        });
      }
      if (!subject || problems.length > 0) {
        results[index] = { index, creditCode: code, verdict: RowVerdict.REJECTED, reasons: problems };
      } else {
        valid.set(code, { index, subject });
      }
    });

    await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(SubjectEntity);
      const existing = new Map<string, SubjectEntity>();
      for (const part of chunks([...valid.keys()], IN_CHUNK)) {
        for (const row of await repo.findBy({ creditCode: In(part) })) existing.set(row.creditCode, row);
      }
      const toInsert: NormalizedSubject[] = [];
      for (const [code, { index, subject }] of valid) {
        const before = existing.get(code);
        let verdict: RowVerdict;
        if (!before) {
          toInsert.push(subject);
          verdict = RowVerdict.CREATED;
        } else if (FIELDS.every((f) => (before[f] ?? null) === (subject[f] ?? null))) {
          verdict = RowVerdict.UNCHANGED;
        } else {
          const { creditCode: _key, ...changes } = subject;
          await repo.update({ creditCode: code }, changes);
          verdict = RowVerdict.UPDATED;
        }
        results[index] = { index, creditCode: code, verdict, reasons: [] };
      }
      for (const part of chunks(toInsert, 200)) await repo.insert(part);
      const written = results.filter((r) => r.verdict === RowVerdict.CREATED || r.verdict === RowVerdict.UPDATED);
      await audit(tx, ctx, { action: 'subject.upsert', subjectCodes: written.map((r) => r.creditCode) });
    });

    await this.changes.publish(results.filter((r) => r.verdict === RowVerdict.UPDATED).map((r) => r.creditCode));
    const count = (v: RowVerdict) => results.filter((r) => r.verdict === v).length;
    return Object.assign(new UpsertSubjectsPayload(), {
      results,
      created: count(RowVerdict.CREATED),
      updated: count(RowVerdict.UPDATED),
      unchanged: count(RowVerdict.UNCHANGED),
      rejected: count(RowVerdict.REJECTED),
    });
  }
}
