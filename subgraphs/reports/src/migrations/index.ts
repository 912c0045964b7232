// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate reports <Name>`.
import { Init1795656352337 } from './1795656352337-Init';
import { Sm2AndStatusList1796054400000 } from './1796054400000-Sm2AndStatusList';
import { ReportTallies1796100000000 } from './1796100000000-ReportTallies';
import { ReportCurrency1796592355407 } from './1796592355407-ReportCurrency';
import { Webhooks1796593555130 } from './1796593555130-Webhooks';
import { VerificationGuardState1796605332163 } from './1796605332163-VerificationGuardState';
import { WindowAuthorization1796615453248 } from './1796615453248-WindowAuthorization';

export const migrations: (new () => object)[] = [
  Init1795656352337,
  Sm2AndStatusList1796054400000,
  ReportTallies1796100000000,
  ReportCurrency1796592355407,
  Webhooks1796593555130,
  VerificationGuardState1796605332163,
  WindowAuthorization1796615453248,
];
