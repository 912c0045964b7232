import { subjectStandIn, type SubjectKey } from '@credit/shared';

/** The entities-owned subject, by its key; this subgraph adds its fields to it. */
export const { SubjectRef, subjectReference } = subjectStandIn();
export type SubjectRef = SubjectKey;
