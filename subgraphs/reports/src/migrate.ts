import 'reflect-metadata';
import { runMigrateMain } from '@credit/shared';
import { MIGRATIONS, SERVICE_NAME } from './entities';

runMigrateMain(SERVICE_NAME, MIGRATIONS);
