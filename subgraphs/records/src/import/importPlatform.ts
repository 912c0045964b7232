import { assertSamePlatform, authConfigFromEnv, platformIdentity, serviceTokenSource } from '@credit/shared';
import type { EntitiesDirectory } from '../catalogue/entitiesDirectory';
import { entitiesDirectoryFromEnv } from '../context';
import { openRecordsDatabase, SERVICE_NAME } from '../entities';
import type { RecordsEnv } from '../env';

/**
 * The entities register the import command validates against, once it is known to be the register
 * of the platform whose records database the command writes to. The command reads the services'
 * own loader (ENTITIES_URL, else ENTITIES_PORT on this machine) and its database's platform identity,
 * then asks entities for its own: a register of another platform (a demo left on 4001, another
 * prefix's services) would accept units and domains this platform does not have, so it is refused
 * before a row is read.
 */
export async function platformEntitiesDirectory(env: RecordsEnv): Promise<EntitiesDirectory> {
  const db = await openRecordsDatabase(env);
  let expected: string;
  try {
    expected = await platformIdentity(db, SERVICE_NAME, env.PLATFORM_ID);
  } finally {
    await db.destroy();
  }
  await assertSamePlatform({
    url: env.ENTITIES_URL,
    service: 'entities',
    configuredBy: 'ENTITIES_URL (or ENTITIES_PORT)',
    expected,
    token: serviceTokenSource(SERVICE_NAME, authConfigFromEnv(env), env.SERVICE_TOKEN),
  });
  return entitiesDirectoryFromEnv(env);
}
