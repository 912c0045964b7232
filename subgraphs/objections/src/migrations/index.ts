// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate objections <Name>`.
import { Init1795656997478 } from './1795656997478-Init';

export const migrations: (new () => object)[] = [Init1795656997478];
