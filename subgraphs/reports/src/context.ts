import type { ServiceContext } from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { AuthorizationService } from './authorization/authorization.service';
import type { ReportCredentials } from './credential/reportCredentials';
import type { ReportCurrency } from './currency/reportCurrency';
import type { Keyring, TrustedKey } from './integrity/signingKeys';
import type { VerifiedSignatures } from './integrity/verifiedSignatures';
import type { RecognitionService } from './recognition/recognition.service';
import { createReportLoaders, type ReportLoaders } from './report/report.loaders';
import type { ReportIssuance, ReportsConfig } from './report/issuance.service';
import type { ReportStore } from './report/reportStore';
import type { SubscriptionService } from './subscriptions/subscription.service';
import type { StatisticsService } from './statistics/statistics.service';
import type { VerificationService } from './verification/verification.service';
import type { MatterSource } from './verification/substitutes';

export interface ReportsServices {
  db: DataSource;
  config: ReportsConfig & { publicBaseUrl: string };
  keyring: Keyring;
  trustedKeys: Map<string, TrustedKey>;
  /** Reads of stored reports and their signed texts. */
  reports: ReportStore;
  issuance: ReportIssuance;
  /** Whether the records behind each issued report changed since (records' change outbox). */
  currency: ReportCurrency;
  /** The report as a W3C Verifiable Credential, the DID document and the revocation status lists. */
  credentials: ReportCredentials;
  verifiedSignatures: VerifiedSignatures;
  authorizations: AuthorizationService;
  verification: VerificationService;
  recognition: RecognitionService;
  statistics: StatisticsService;
  /** Report users' subscriptions and their signed webhook events. */
  subscriptions: SubscriptionService;
  /** The substitution catalogue, as verification shows it. */
  substitutionMatters: MatterSource;
}

export interface ReportsContext extends ServiceContext {
  services: ReportsServices;
  loaders: ReportLoaders;
}

/** Loaders are per request so that no cached row or grant outlives it. */
export function createContext(base: ServiceContext, services: ReportsServices): ReportsContext {
  const ctx = base as ReportsContext;
  ctx.services = services;
  ctx.loaders = createReportLoaders(ctx, services.reports, services.authorizations, services.db, services.currency);
  return ctx;
}
