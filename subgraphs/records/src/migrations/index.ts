// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate records <Name>`.
import { Init1795656121508 } from './1795656121508-Init';

export const migrations: (new () => object)[] = [Init1795656121508];
