// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate entities <Name>`.
import { Init1795655421950 } from './1795655421950-Init';
import { Commitments1795655984338 } from './1795655984338-Commitments';
import { SourceUnitCreditCode1796045435109 } from './1796045435109-SourceUnitCreditCode';
import { SubstitutionGuidesNationalFeed1796055502556 } from './1796055502556-SubstitutionGuidesNationalFeed';
import { CommitmentBreachOutbox1796595031362 } from './1796595031362-CommitmentBreachOutbox';
import { WorkingCalendar1796605089451 } from './1796605089451-WorkingCalendar';

export const migrations: (new () => object)[] = [
  Init1795655421950,
  Commitments1795655984338,
  SourceUnitCreditCode1796045435109,
  SubstitutionGuidesNationalFeed1796055502556,
  CommitmentBreachOutbox1796595031362,
  WorkingCalendar1796605089451,
];
