// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate objections <Name>`.
import { Init1795656997478 } from './1795656997478-Init';
import { Feedback1796055414879 } from './1796055414879-Feedback';
import { ObjectionTallies1796100000001 } from './1796100000001-ObjectionTallies';
import { ProvisionalDueDates1796605094979 } from './1796605094979-ProvisionalDueDates';

export const migrations: (new () => object)[] = [
  Init1795656997478,
  Feedback1796055414879,
  ObjectionTallies1796100000001,
  ProvisionalDueDates1796605094979,
];
