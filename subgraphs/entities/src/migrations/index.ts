// Checked-in MySQL migrations, in order. Generate with `pnpm migration:generate entities <Name>`.
import { Init1795655421950 } from './1795655421950-Init';

export const migrations: (new () => object)[] = [Init1795655421950];
