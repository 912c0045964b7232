import { registerEnumType } from 'type-graphql';

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

export const SCENARIO_ZH: Record<ReportScenario, string> = {
  POLICY_SUPPORT: '政策优惠（优惠政策、资金支持、项目申报、评优评先）',
  ADMINISTRATIVE_APPROVAL: '行政管理（行政审批、资质认可、市场准入）',
  BIDDING_PROCUREMENT: '商务经营（招标投标、政府采购、公共资源交易等）',
  FINANCING: '金融（上市、挂牌、发债、再融资、并购重组、企业融资）',
  OTHER: '其他可替代有无违法违规记录证明的场景',
};

export const CHANNEL_ZH: Record<ReportChannel, string> = {
  WEBSITE: '信用中国（贵州）网站',
  GOV_SERVICE_PORTAL: '贵州政务服务网',
  PUBLIC_RESOURCE_TRADING: '省公共资源交易平台',
  SERVICE_WINDOW: '政务服务窗口',
  SELF_SERVICE_TERMINAL: '一体化智能自助终端',
  PARTNER_API: '合作方接口',
};

/** The channels a person is served through (the plan's 办事指南 are published per channel). */
export const SERVICE_CHANNELS: readonly ReportChannel[] = [
  ReportChannel.WEBSITE,
  ReportChannel.GOV_SERVICE_PORTAL,
  ReportChannel.PUBLIC_RESOURCE_TRADING,
  ReportChannel.SERVICE_WINDOW,
  ReportChannel.SELF_SERVICE_TERMINAL,
];
