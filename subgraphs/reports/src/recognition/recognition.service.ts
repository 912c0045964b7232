import { randomUUID } from 'node:crypto';
import { actorOf, audit, badUserInput, checkSubjectCode, sameSubjectName, type ServiceContext } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { sha256Hex, verifyText } from '../integrity/signature';
import type { TrustedKey } from '../integrity/signingKeys';
import type { WriteQueue } from '../report/writeQueue';
import { RecognitionEntity } from './recognition.entity';
import {
  ExternalReportRecognition,
  RecognitionResult,
  RecognitionWarningCode,
  type RecognitionWarning,
} from './recognition.type';

/** The name a code is registered under in entities (null: not registered). */
export type RegisteredName = (creditCode: string, requestId?: string) => Promise<string | null>;

/** The exchange format: the one `CreditReport.document` produces, so provinces read each other's. */
export interface SignedReportDocument {
  format?: string;
  kid: string;
  signature: string;
  sha256?: string;
  /** Canonical snapshot text, exactly as signed. */
  snapshot: string;
}

interface ForeignSnapshot {
  number?: string;
  issuer?: { province?: string };
  subject?: { creditCode?: string; name?: string };
  period?: { from?: string; to?: string };
}

const toView = (e: RecognitionEntity): ExternalReportRecognition =>
  Object.assign(new ExternalReportRecognition(), {
    id: e.id,
    issuerProvince: e.issuerProvince,
    keyId: e.keyId,
    externalNumber: e.externalNumber,
    creditCode: e.creditCode,
    subjectName: e.subjectName,
    periodFrom: e.periodFrom,
    periodTo: e.periodTo,
    sha256: e.sha256,
    recognizedAt: e.recognizedAt.toISOString(),
  });

const refused = (problem: string) =>
  Object.assign(new RecognitionResult(), { recognized: false, problem, recognition: null, warnings: [] });

/**
 * Responsible for cross-province recognition: a report signed by a trusted province's key is
 * checked offline and recorded once (idempotent on province and number).
 */
export class RecognitionService {
  constructor(
    private readonly db: DataSource,
    private readonly trusted: Map<string, TrustedKey>,
    private readonly writes: WriteQueue,
    private readonly registeredName: RegisteredName = async () => null,
  ) {}

  /** As imports do: a name other than the register's is accepted, with a warning; no register, no check. */
  private async nameWarnings(creditCode: string, name: string, requestId?: string): Promise<RecognitionWarning[]> {
    let registered: string | null;
    try {
      registered = await this.registeredName(creditCode, requestId);
    } catch {
      return [];
    }
    if (registered === null || sameSubjectName(name, registered)) return [];
    return [
      {
        code: RecognitionWarningCode.NAME_MISMATCH,
        field: 'subjectName',
        message: `the report names ${creditCode} "${name}", the register "${registered}"`,
        registeredName: registered,
      },
    ];
  }

  async recognize(ctx: ServiceContext, document: string): Promise<RecognitionResult> {
    let doc: SignedReportDocument;
    try {
      doc = JSON.parse(document) as SignedReportDocument;
    } catch {
      throw badUserInput('document', 'must be the JSON of a signed report document {kid, signature, snapshot}');
    }
    if (typeof doc?.kid !== 'string' || typeof doc.signature !== 'string' || typeof doc.snapshot !== 'string') {
      throw badUserInput('document', 'needs kid, signature and snapshot (the signed canonical text)');
    }
    const key = this.trusted.get(doc.kid);
    if (!key) return refused(`key ${doc.kid} is not among the trusted keys of partner provinces`);
    if (!verifyText(doc.snapshot, doc.signature, key.publicKey))
      return refused('the signature does not verify with the trusted key');
    const sha = sha256Hex(doc.snapshot);
    if (doc.sha256 && doc.sha256 !== sha) return refused('the stated SHA-256 does not match the snapshot');
    let s: ForeignSnapshot;
    try {
      s = JSON.parse(doc.snapshot) as ForeignSnapshot;
    } catch {
      return refused('the signed snapshot is not JSON');
    }
    const province = s.issuer?.province ?? key.province;
    if (!s.number || !province || !s.subject?.creditCode || !s.subject.name || !s.period?.from || !s.period.to) {
      return refused('the snapshot lacks number, issuer province, subject or period');
    }
    if (key.province && key.province !== province)
      return refused(`key ${doc.kid} belongs to ${key.province}, the report names ${province}`);
    const code = checkSubjectCode(s.subject.creditCode);
    if (!code.valid) return refused(`the subject code is invalid: ${code.message}`);
    const warnings = await this.nameWarnings(code.normalized, s.subject.name, ctx.requestId);

    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(RecognitionEntity);
        const existing = await repo.findOneBy({ issuerProvince: province, externalNumber: s.number! });
        if (existing) {
          if (existing.sha256 !== sha)
            return refused(`report ${s.number} of ${province} was recognised before with different content`);
          return Object.assign(new RecognitionResult(), {
            recognized: true,
            problem: null,
            recognition: toView(existing),
            warnings,
          });
        }
        const row = repo.create({
          id: randomUUID(),
          issuerProvince: province,
          keyId: doc.kid,
          externalNumber: s.number!.slice(0, 40),
          creditCode: code.normalized,
          subjectName: s.subject!.name!.slice(0, 200),
          periodFrom: s.period!.from!,
          periodTo: s.period!.to!,
          sha256: sha,
          recognizedBy: actorOf(ctx.principal),
        });
        await repo.save(row);
        await audit(tx, ctx, {
          action: 'report.recognize',
          subjectCodes: [code.normalized],
          target: `${province}:${s.number}`,
        });
        return Object.assign(new RecognitionResult(), {
          recognized: true,
          problem: null,
          recognition: toView(row),
          warnings,
        });
      }),
    );
  }

  async forSubject(creditCode: string): Promise<ExternalReportRecognition[]> {
    const code = checkSubjectCode(creditCode);
    if (!code.valid) throw badUserInput('creditCode', code.message!, { problem: code.problem });
    const rows = await this.db
      .getRepository(RecognitionEntity)
      .find({ where: { creditCode: code.normalized }, order: { recognizedAt: 'DESC' } });
    return rows.map(toView);
  }
}
