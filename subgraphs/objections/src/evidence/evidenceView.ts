import type { EvidenceEntity } from './evidence.entity';
import { EvidenceAttachment } from './evidence.type';

export const toEvidenceView = (e: EvidenceEntity): EvidenceAttachment =>
  Object.assign(new EvidenceAttachment(), {
    id: e.id,
    name: e.name,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
  });
