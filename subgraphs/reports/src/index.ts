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
