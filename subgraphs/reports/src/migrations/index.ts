// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate reports <Name>`.
import { Init1795656352337 } from './1795656352337-Init';

export const migrations: (new () => object)[] = [Init1795656352337];
