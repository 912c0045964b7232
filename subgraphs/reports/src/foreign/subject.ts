import { subjectStandIn, type SubjectKey } from '@credit/shared';

/** The entities-owned subject, by its key; reports adds its reports to it. */
export const { SubjectRef, subjectReference } = subjectStandIn(
  'A credit subject (owned by entities); reports contributes its reports',
);
export type SubjectRef = SubjectKey;
