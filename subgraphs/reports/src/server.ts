import {
  authConfigFromEnv,
  bootSubgraph,
  createServiceClient,
  EntitiesCatalogue,
  isMysql,
  type BootedSubgraph,
  type Logger,
} from '@credit/shared';
import { AuthorizationService } from './authorization/authorization.service';
import { ReportCredentials } from './credential/reportCredentials';
import { ReportCurrency } from './currency/reportCurrency';
import { createContext, type ReportsContext, type ReportsServices } from './context';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
import type { ReportsEnv } from './env';
import { reportRoutes } from './http/routes';
import { loadKeyring, loadTrustedKeys } from './integrity/signingKeys';
import { VerifiedSignatures } from './integrity/verifiedSignatures';
import { RecognitionService } from './recognition/recognition.service';
import { ReportIssuance } from './report/issuance.service';
import { ReportStore } from './report/reportStore';
import { reportTalliesMissing } from './aggregates/reportTallies';
import { createWriteQueue } from './report/writeQueue';
import { buildReportsSchema } from './schema';
import { StatisticsService } from './statistics/statistics.service';
import { SubscriptionService } from './subscriptions/subscription.service';
import { WebhookEventKind } from './subscriptions/subscription.type';
import { WebhookDeliveries } from './subscriptions/webhookDeliveries';
import { enqueueReportEvents } from './subscriptions/webhookEvents';
import { WebhookSecrets } from './subscriptions/webhookSecrets';
import { Upstream } from './upstream/upstream';
import { VerificationService } from './verification/verification.service';
import { VerificationGuard } from './verification/verificationGuard';

export type ReportsApp = BootedSubgraph<ReportsServices> & {
  /** Report users' webhook events on their way out (subscriptions/). */
  webhooks: WebhookDeliveries;
};

/** A receiver's answer is never used beyond its status: more than this is not read. */
const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

/** Builds the reports subgraph (not listening): tests bind port 0, main.ts the configured port. */
export async function createReportsApp(
  env: ReportsEnv,
  opts: { logger?: Logger; sqliteFile?: string } = {},
): Promise<ReportsApp> {
  // Keys first: a bad key file must stop the start before anything else is opened.
  const keyring = loadKeyring({
    file: env.REPORT_SIGNING_KEYS_FILE,
    dataDir: env.DATA_DIR,
    province: env.PROVINCE_CODE,
  });
  const trustedKeys = loadTrustedKeys(env.TRUSTED_PARTNER_KEYS_FILE);
  const auth = authConfigFromEnv(env);
  const entities = createServiceClient({
    url: env.ENTITIES_URL,
    service: SERVICE_NAME,
    auth,
    token: env.SERVICE_TOKEN,
  });
  const records = createServiceClient({ url: env.RECORDS_URL, service: SERVICE_NAME, auth, token: env.SERVICE_TOKEN });
  const config = {
    prefix: env.REPORT_NUMBER_PREFIX,
    province: env.PROVINCE_CODE,
    issuerName: '全国信用信息共享平台（贵州）',
    maxYears: env.MAX_REPORT_YEARS,
    publicBaseUrl: env.PUBLIC_BASE_URL,
  };
  const callbackRules = {
    requireHttps: env.NODE_ENV === 'production',
    allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
  const app = await bootSubgraph<ReportsContext, ReportsServices>({
    name: SERVICE_NAME,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Issuance commits its four statements in one round trip (commitInOneTrip).
    multipleStatements: true,
    buildSchema: buildReportsSchema,
    createServices: ({ dataSource: db, cache, metrics, sharedCache, logger }) => {
      const upstream = new Upstream(
        entities,
        records,
        new EntitiesCatalogue(entities, { shared: sharedCache, logger }),
      );
      const writes = createWriteQueue(isMysql(db));
      const reports = new ReportStore(db, keyring);
      // Subscribers' events are queued in the transaction of what they announce.
      const issuance = new ReportIssuance(db, keyring, upstream, config, writes, reports, async (tx, row) => {
        await enqueueReportEvents(tx, [
          { reportNumber: row.number, kind: WebhookEventKind.REVOKED, occurredAt: row.revokedAt ?? new Date() },
        ]);
      });
      const verifiedSignatures = new VerifiedSignatures();
      const currency = new ReportCurrency(db, writes, async (tx, marked) => {
        const now = new Date();
        await enqueueReportEvents(
          tx,
          marked.map((m) => ({
            reportNumber: m.number,
            kind: WebhookEventKind.RECORDS_CHANGED,
            occurredAt: now,
            recordChangeKinds: m.kinds,
          })),
        );
      });
      const guard = new VerificationGuard(
        db,
        cache,
        {
          failuresBeforeLock: env.VERIFY_FAILURES_BEFORE_LOCK,
          lockSeconds: env.VERIFY_LOCK_SECONDS,
          failureDelayMs: env.VERIFY_FAILURE_DELAY_MS,
          attackClients: env.VERIFY_ATTACK_CLIENTS,
        },
        metrics,
        writes,
      );
      return {
        db,
        config,
        keyring,
        trustedKeys,
        reports,
        issuance,
        currency,
        credentials: new ReportCredentials(db, keyring, config),
        verifiedSignatures,
        authorizations: new AuthorizationService(db, writes),
        verification: new VerificationService(
          db,
          reports,
          keyring,
          verifiedSignatures,
          guard,
          (creditCode, requestId) => upstream.commitmentBreaches(creditCode, requestId),
          writes,
          (number) => currency.changesOf([number]),
        ),
        recognition: new RecognitionService(db, trustedKeys, writes, (code, requestId) =>
          upstream.registeredName(code, requestId),
        ),
        statistics: new StatisticsService(db, env.MAX_REPORT_YEARS),
        substitutionMatters: (requestId) => upstream.substitutionMatters(requestId),
        subscriptions: new SubscriptionService(
          db,
          new WebhookSecrets(db, keyring.codeSecret),
          guard,
          callbackRules,
          writes,
        ),
      };
    },
    extendContext: createContext,
    callees: [env.ENTITIES_URL, env.RECORDS_URL],
    routes: (services, deps) => reportRoutes(services, deps),
    onReady: async (services, { logger }) => {
      if (await reportTalliesMissing(services.db))
        logger.warn('report statistics tallies are empty while reports exist: run pnpm stats:rebuild');
    },
    ...opts,
  });
  const webhooks = new WebhookDeliveries(app.dataSource, new WebhookSecrets(app.dataSource, keyring.codeSecret), {
    rules: callbackRules,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: WEBHOOK_MAX_RESPONSE_BYTES,
    pollMs: env.WEBHOOK_POLL_MS,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    logger: app.logger.child({ component: 'webhooks' }),
  });
  webhooks.start();
  const shutdown = app.shutdown;
  return Object.assign(app, {
    webhooks,
    async shutdown() {
      await webhooks.stop();
      await shutdown();
    },
  });
}
