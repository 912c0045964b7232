import 'reflect-metadata';

export { buildReportsSchema } from './schema';
export { createReportsApp, type ReportsApp } from './server';
export { loadReportsEnv, type ReportsEnv } from './env';
export { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
export { formatReportNumber } from './report/reportNumber';
// What a report user's verifier needs: the signed document's check and the credential's.
export { runVerifyReport } from './integrity/verifyReportCli';
export { verifySignedDocument, type SignedReportDocument } from './integrity/signedDocument';
export { verifyingKeysFrom } from './integrity/signingKeys';
export { verifyReportCredential, didWebOf } from './credential/reportCredentials';
// Report users' webhooks: the receiver's check, and the delivery worker (tests run it under production rules).
export {
  verifyWebhook,
  webhookSignature,
  WEBHOOK_HEADERS,
  REPLAY_WINDOW_SECONDS,
} from './subscriptions/webhookSigning';
export { WebhookDeliveries } from './subscriptions/webhookDeliveries';
export { WebhookSecrets } from './subscriptions/webhookSecrets';
