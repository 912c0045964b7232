/** The plan's Chinese terms for the API's enum values. */
export const SCENARIO: Record<string, string> = {
  POLICY_SUPPORT: '政策支持',
  ADMINISTRATIVE_APPROVAL: '行政审批',
  BIDDING_PROCUREMENT: '招投标与政府采购',
  FINANCING: '融资信贷',
  OTHER: '其他',
};
export const CHANNEL: Record<string, string> = {
  WEBSITE: '信用网站',
  GOV_SERVICE_PORTAL: '政务服务网',
  PUBLIC_RESOURCE_TRADING: '公共资源交易平台',
  SERVICE_WINDOW: '服务窗口',
  SELF_SERVICE_TERMINAL: '自助终端',
  PARTNER_API: '接口调用',
};
/** How a record behind an issued report changed (报告出具后的记录变化). */
export const RECORD_CHANGE: Record<string, string> = {
  CORRECTED: '更正',
  REVOKED: '撤销',
  REPAIRED: '信用修复',
  ADDED_LATE: '补报',
  UNDER_OBJECTION: '异议处理中',
};
/** Record fields as a change lists them. */
export const RECORD_FIELD: Record<string, string> = {
  fineAmount: '罚款金额',
  confiscatedAmount: '没收金额',
  penaltyContent: '处罚内容',
  penaltyTypes: '处罚类别',
  facts: '违法事实',
  decisionDate: '处罚决定日期',
  domainCode: '领域',
  status: '状态',
  underObjection: '异议标记',
};
export const CATEGORY: Record<string, string> = {
  ADMINISTRATIVE_PENALTY: '行政处罚',
  ADMINISTRATIVE_COERCION: '行政强制',
  SERIOUS_DISHONESTY_LIST: '严重失信主体名单',
  CRIMINAL_JUDGMENT: '刑事裁判',
};
export const OBJECTION_STATUS: Record<string, string> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  REFUSED: '不予受理',
  FORWARDED: '已转办',
  UNDER_REVIEW: '核查中',
  UPHELD: '异议成立',
  REJECTED: '异议不成立',
  CLOSED: '已办结',
  WITHDRAWN: '已撤回',
};
export const OBJECTION_TYPE: Record<string, string> = {
  RECORD_ERROR: '信息有误',
  REPAIR_RESULT: '信用修复结果',
  EXPLANATION_REQUEST: '申请说明',
};
export const OBJECTION_ACTION: Record<string, string> = {
  FILE: '提交异议',
  ACCEPT: '受理',
  FORWARD: '转办数据来源单位',
  REFUSE: '不予受理',
  REASSIGN: '改派',
  START_REVIEW: '开始核查',
  UPHOLD: '异议成立',
  REJECT: '异议不成立',
  CLOSE: '办结',
  WITHDRAW: '撤回',
  CORRECTION_APPLIED: '数据已更正',
};
export const VERDICT: Record<string, string> = {
  CREATED: '新增',
  UPDATED: '更新',
  UNCHANGED: '未变化',
  EXCLUDED: '不予归集',
  REJECTED: '退回',
};
export const ROLE: Record<string, string> = {
  SUBJECT: '信用主体',
  OPERATOR: '窗口工作人员',
  PARTNER: '报告使用方',
  SOURCE_UNIT: '数据来源单位',
  LEAD_DEPARTMENT: '信用主管部门',
  ANALYST: '统计分析人员',
  SERVICE: '系统服务',
  ANONYMOUS: '匿名核验',
};
export const ACTION: Record<string, string> = {
  'subject.read': '查看主体信息',
  'record.read': '查看记录',
  'report.issue': '出具报告',
  'report.read': '查看报告',
  'report.verify': '核验报告',
  'report.pdf': '下载报告',
};
export const term = (table: Record<string, string>, key: string | null | undefined) =>
  key ? (table[key] ?? key) : '—';

/** Today and n years back as YYYY-MM-DD (China time is what the API means by a date). */
export function isoDate(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function yearsAgo(n: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.toISOString().slice(0, 10);
}
export const fmtTime = (iso: string) => iso.replace('T', ' ').slice(0, 16);
export const FEEDBACK_KIND: Record<string, string> = {
  CONSULTATION: '咨询',
  CERTIFICATE_STILL_DEMANDED: '应替未替投诉',
  SERVICE_COMPLAINT: '服务投诉',
};
export const FEEDBACK_STATUS: Record<string, string> = {
  SUBMITTED: '已提交',
  ANSWERED: '已答复',
  FORWARDED: '已转主管单位',
  UNIT_REPLIED: '主管单位已回复',
  CLOSED: '已办结',
  DISMISSED: '不予受理',
  WITHDRAWN: '已撤回',
};
export const FEEDBACK_ACTION: Record<string, string> = {
  FILE: '提交',
  ANSWER: '答复',
  FORWARD: '转主管单位',
  UNIT_REPLY: '主管单位回复',
  CLOSE: '办结反馈',
  DISMISS: '不予受理',
  WITHDRAW: '撤回',
};
export const ASSESSMENT_WARNING: Record<string, string> = {
  LATE_SUBMISSIONS: '报送滞后',
  HIGH_REJECTION_RATE: '退回率偏高',
  SILENT: '未报送',
  NAME_MISMATCHES: '名称不符',
  OBJECTIONS_OVERDUE: '异议逾期',
  COMPLAINTS_OVERDUE: '投诉逾期',
  FREQUENT_CERTIFICATE_DEMANDS: '应替未替频发',
};
/** Subject kinds (主体类型): the GB 32100 registration categories, as shared/src/validators/subjectKind.ts names them. */
export const SUBJECT_KIND: Record<string, string> = {
  ENTERPRISE: '企业',
  INDIVIDUAL_BUSINESS: '个体工商户',
  FARMER_COOPERATIVE: '农民专业合作社',
  SOCIAL_ORGANIZATION: '社会团体',
  PRIVATE_NON_ENTERPRISE: '民办非企业单位（社会服务机构）',
  FOUNDATION: '基金会',
  PUBLIC_INSTITUTION: '事业单位',
  OTHER_ORGANIZATION: '其他组织',
  NATURAL_PERSON: '自然人',
};
/** The quarter a day falls in, as the assessment names it (2026Q4). */
export const quarterOf = (d = new Date()) => `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`;
