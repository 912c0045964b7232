import { RECORD_FIELDS } from '../contracts/recordFields';
import type { Cache } from './cache';

// Versions live 30 days; cached responses live minutes, so a version never wraps under one.
const VERSION_TTL_SECONDS = 30 * 86_400;
const RETRY_MS = 500;
export const subjectVersionKey = (creditCode: string) => `ver:subject:${creditCode}`;

/**
 * "The data about these subjects changed": every write that changes what a subject's history
 * shows bumps the subject's version in the platform-wide cache, and the gateway's response
 * cache serves an entry only while the version it was stored under is still current.
 */
export class SubjectChanges {
  // Bumps that failed while the cache was unreachable: the write is committed, so the bump is
  // owed; it is retried until the cache answers, or a stale cached history would outlive the outage.
  private readonly owed = new Set<string>();
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly shared?: Cache) {}

  async publish(creditCodes: Iterable<string>): Promise<void> {
    if (!this.shared) return;
    const unique = [...new Set(creditCodes)];
    const results = await Promise.allSettled(
      unique.map((c) => this.shared!.incr(subjectVersionKey(c), VERSION_TTL_SECONDS)),
    );
    results.forEach((r, i) => r.status === 'rejected' && this.owed.add(unique[i]));
    if (this.owed.size && !this.retry) this.scheduleRetry();
  }

  /** Bumps still owed because the cache was down (0 once it answered again). */
  get pending(): number {
    return this.owed.size;
  }

  private scheduleRetry() {
    this.retry = setTimeout(() => {
      this.retry = undefined;
      const codes = [...this.owed];
      this.owed.clear();
      void this.publish(codes);
    }, RETRY_MS);
    this.retry.unref();
  }

  /** Throws while the cache is unreachable: the caller must then not trust a cached answer. */
  async version(creditCode: string): Promise<string> {
    return (await this.shared?.get(subjectVersionKey(creditCode))) ?? '0';
  }

  stop(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
  }
}

export const NO_SUBJECT_CHANGES = new SubjectChanges();

/** `{ TypeName: [field, …] }` in the API schema the gateway serves. */
export type FieldDeclaration = Readonly<Record<string, readonly string[]>>;

/**
 * The contract between the writers and the gateway's response cache: the fields whose every
 * change publishes a subject change, listed by the subgraph that owns them. The gateway caches
 * an owner's query only when every field it selects is listed here, so a field nobody declares
 * is never served stale. Declare a field only once every write that changes it calls
 * `SubjectChanges.publish` for the subjects it shows.
 */
export const FIELDS_INVALIDATED_BY_SUBJECT_CHANGES: Readonly<Record<string, FieldDeclaration>> = {
  // entities: upsertSubjects publishes every subject it updates.
  entities: {
    Query: ['subject'],
    Subject: [
      'creditCode',
      'kind',
      'name',
      'legalRepresentative',
      'regionCode',
      'registrationAuthority',
      'establishedOn',
      'status',
      'masked',
    ],
  },
  // records: submissions, repairs, revocations, corrections and objection marks publish the record's subject.
  records: {
    Subject: ['records', 'recordSummary'],
    RecordSummary: ['from', 'to', 'records', 'repaired', 'domains'],
    DomainRecordCount: ['domainCode', 'records', 'repaired'],
    ViolationRecordConnection: ['edges', 'pageInfo'],
    ViolationRecordEdge: ['cursor', 'node'],
    PageInfo: ['hasNextPage', 'endCursor'],
    // The field table's fields, and the record's own (identity, state, history).
    ViolationRecord: [
      'id',
      ...RECORD_FIELDS.map((f) => f.name),
      'sourceUnitCode',
      'submittedAt',
      'status',
      'repaired',
      'repairedAt',
      'repairBasis',
      'revokedAt',
      'revokeReason',
      'underObjection',
      'version',
      'masked',
      'revisions',
    ],
    RecordRevision: ['seq', 'action', 'actor', 'at', 'reason', 'objectionId', 'changes'],
    FieldChange: ['field', 'before', 'after'],
  },
};

/** The declarations as one set of `Type.field` coordinates. */
export function subjectChangeFields(
  declarations: Readonly<Record<string, FieldDeclaration>> = FIELDS_INVALIDATED_BY_SUBJECT_CHANGES,
): Set<string> {
  const out = new Set<string>();
  for (const byType of Object.values(declarations)) {
    for (const [type, fields] of Object.entries(byType)) for (const f of fields) out.add(`${type}.${f}`);
  }
  return out;
}
