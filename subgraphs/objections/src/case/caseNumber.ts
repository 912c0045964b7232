import { newUlid } from '@credit/shared';

/** Case ids (objections, complaints, their evidence): ULIDs (time first, see shared/db/ulid). */
export const newCaseId = newUlid;
