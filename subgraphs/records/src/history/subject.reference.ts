import { RecordsSubject } from './subject.type';

/** The gateway sends subjects by key; records needs nothing but the key (access is checked per field). */
export const subjectReference = {
  Subject: {
    __resolveReference(ref: { creditCode: string }): RecordsSubject {
      return Object.assign(new RecordsSubject(), { creditCode: ref.creditCode });
    },
  },
};
