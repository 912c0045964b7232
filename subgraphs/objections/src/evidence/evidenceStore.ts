import type { EntityManager } from 'typeorm';
import { newCaseId } from '../case/caseNumber';
import { EvidenceChunkEntity, EvidenceEntity } from './evidence.entity';
import { toChunks, type ValidEvidence } from './evidenceValidation';

/** Stores an objection's checked attachments, in chunks, inside the filing transaction. */
export async function storeEvidence(
  tx: EntityManager,
  objectionId: string,
  evidence: readonly ValidEvidence[],
  now: Date,
): Promise<void> {
  for (const [position, ev] of evidence.entries()) {
    const evidenceId = newCaseId(now.getTime());
    await tx.getRepository(EvidenceEntity).insert({
      id: evidenceId,
      objectionId,
      position,
      name: ev.name,
      contentType: ev.contentType,
      size: ev.size,
      sha256: ev.sha256,
    });
    await tx
      .getRepository(EvidenceChunkEntity)
      .insert(toChunks(ev.bytes).map((data, seq) => ({ evidenceId, seq, data })));
  }
}
