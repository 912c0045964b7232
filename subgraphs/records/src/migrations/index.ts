// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate records <Name>`.
import { Init1795656121508 } from './1795656121508-Init';
import { SummaryIndex1795660222491 } from './1795660222491-SummaryIndex';
import { DecisionIdentity1796000000000 } from './1796000000000-DecisionIdentity';
import { NameMismatch1796000000002 } from './1796000000002-NameMismatch';
import { StatisticsTallies1796000000018 } from './1796000000018-StatisticsTallies';
import { LagBuckets1796000000019 } from './1796000000019-LagBuckets';
import { ImportJobs1796000000030 } from './1796000000030-ImportJobs';
import { RecordChangeOutbox1796592346333 } from './1796592346333-RecordChangeOutbox';
import { LegalRepresentative1796615977071 } from './1796615977071-LegalRepresentative';

export const migrations: (new () => object)[] = [
  Init1795656121508,
  SummaryIndex1795660222491,
  DecisionIdentity1796000000000,
  NameMismatch1796000000002,
  StatisticsTallies1796000000018,
  LagBuckets1796000000019,
  ImportJobs1796000000030,
  RecordChangeOutbox1796592346333,
  LegalRepresentative1796615977071,
];
