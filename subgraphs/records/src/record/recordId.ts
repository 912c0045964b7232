import { newUlid } from '@credit/shared';

/** Record, batch and excluded-decision ids: ULIDs (time first, see shared/db/ulid). */
export const newRecordId = newUlid;
