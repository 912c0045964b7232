import { registerEnumType } from 'type-graphql';
import { CHANNEL_ZH as CHANNEL_TERMS, SCENARIO_ZH as SCENARIO_TERMS } from './terms';

/**
 * The five application scenarios of the plan (二(三) 1-5): reports are issued for one, and the
 * substitution catalogue files each matter under one. Registered here, once, so that both subgraphs
 * publish the same GraphQL enum.
 */
export enum ReportScenario {
  POLICY_SUPPORT = 'POLICY_SUPPORT',
  ADMINISTRATIVE_APPROVAL = 'ADMINISTRATIVE_APPROVAL',
  BIDDING_PROCUREMENT = 'BIDDING_PROCUREMENT',
  FINANCING = 'FINANCING',
  OTHER = 'OTHER',
}
registerEnumType(ReportScenario, {
  name: 'ReportScenario',
  description: 'Application scenario of the plan (二(三) 1-5)',
});

/** The channels of the plan (三(四)) through which reports are applied for, plus partners' API. */
export enum ReportChannel {
  WEBSITE = 'WEBSITE',
  GOV_SERVICE_PORTAL = 'GOV_SERVICE_PORTAL',
  PUBLIC_RESOURCE_TRADING = 'PUBLIC_RESOURCE_TRADING',
  SERVICE_WINDOW = 'SERVICE_WINDOW',
  SELF_SERVICE_TERMINAL = 'SELF_SERVICE_TERMINAL',
  PARTNER_API = 'PARTNER_API',
}
registerEnumType(ReportChannel, { name: 'ReportChannel', description: 'Where the report was applied for' });

// The labels live in the term table; typed here so that every enum value has one.
export const SCENARIO_ZH: Readonly<Record<ReportScenario, string>> = SCENARIO_TERMS;
export const CHANNEL_ZH: Readonly<Record<ReportChannel, string>> = CHANNEL_TERMS;

/** The channels a person is served through (the plan's 办事指南 are published per channel). */
export const SERVICE_CHANNELS: readonly ReportChannel[] = [
  ReportChannel.WEBSITE,
  ReportChannel.GOV_SERVICE_PORTAL,
  ReportChannel.PUBLIC_RESOURCE_TRADING,
  ReportChannel.SERVICE_WINDOW,
  ReportChannel.SELF_SERVICE_TERMINAL,
];
