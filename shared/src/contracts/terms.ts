/**
 * The one table of what people read for the codes the API, logs and files keep (Chinese for people,
 * English codes for machines): the report PDF, the server-rendered pages, the exports and the
 * console all take their labels from here. It imports only the record field table (which imports
 * nothing), so the console bundles this file as it is. To add a code, add its line to the table it belongs to; `term` falls back to a neutral
 * word, never to the code.
 */

import { RECORD_FIELD_LABELS } from './recordFields';

/** The plan's five application scenarios (二(三) 1-5), as the report prints them. */
export const SCENARIO_ZH = {
  POLICY_SUPPORT: '政策优惠（优惠政策、资金支持、项目申报、评优评先）',
  ADMINISTRATIVE_APPROVAL: '行政管理（行政审批、资质认可、市场准入）',
  BIDDING_PROCUREMENT: '商务经营（招标投标、政府采购、公共资源交易等）',
  FINANCING: '金融（上市、挂牌、发债、再融资、并购重组、企业融资）',
  OTHER: '其他可替代有无违法违规记录证明的场景',
} as const satisfies Record<string, string>;

/** The same scenarios named by their heading alone, where space is short (chart axes, table cells). */
export const SCENARIO_SHORT_ZH = {
  POLICY_SUPPORT: '政策优惠',
  ADMINISTRATIVE_APPROVAL: '行政管理',
  BIDDING_PROCUREMENT: '商务经营',
  FINANCING: '金融',
  OTHER: '其他',
} as const satisfies Record<keyof typeof SCENARIO_ZH, string>;

/** Where a report was applied for (三(四)). */
export const CHANNEL_ZH = {
  WEBSITE: '信用中国（贵州）网站',
  GOV_SERVICE_PORTAL: '贵州政务服务网',
  PUBLIC_RESOURCE_TRADING: '省公共资源交易平台',
  SERVICE_WINDOW: '政务服务窗口',
  SELF_SERVICE_TERMINAL: '一体化智能自助终端',
  PARTNER_API: '合作方接口',
} as const satisfies Record<string, string>;

/** Who came to a service window for the subject, and the identity document shown (窗口授权核验). */
export const PRESENTER_BASIS_ZH: Record<string, string> = {
  LEGAL_REPRESENTATIVE: '法定代表人（负责人、经营者）本人',
  AUTHORISED_AGENT: '受托代理人（持授权委托书）',
};

export const ID_DOCUMENT_TYPE_ZH: Record<string, string> = {
  RESIDENT_ID_CARD: '居民身份证',
  PASSPORT: '护照',
  OTHER_ID: '其他有效身份证件',
};

/** Subject kinds (主体类型): the GB 32100 registration categories (shared/src/validators/subjectKind.ts). */
export const SUBJECT_KIND_ZH: Record<string, string> = {
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

export const SUBJECT_STATUS_ZH: Record<string, string> = {
  ACTIVE: '存续',
  SUSPENDED: '停业',
  REVOKED: '吊销',
  DEREGISTERED: '注销',
};

export const RECORD_CATEGORY_ZH: Record<string, string> = {
  ADMINISTRATIVE_PENALTY: '行政处罚',
  ADMINISTRATIVE_COERCION: '行政强制',
  SERIOUS_DISHONESTY_LIST: '严重失信主体名单',
  CRIMINAL_JUDGMENT: '刑事裁判',
};

export const RECORD_STATUS_ZH: Record<string, string> = {
  EFFECTIVE: '有效',
  REPAIRED: '已修复',
  REVOKED: '已撤销',
};

/** 行政相对人类别 of the national template. */
export const RECORD_SUBJECT_TYPE_ZH: Record<string, string> = {
  LEGAL_ENTITY: '法人及非法人组织',
  INDIVIDUAL_BUSINESS: '个体工商户',
  NATURAL_PERSON: '自然人',
};

export const LICENCE_ACTION_ZH: Record<string, string> = { SUSPENDED: '暂扣证照', REVOKED: '吊销证照' };

/** Record fields as a change lists them. */
export const RECORD_FIELD_ZH: Record<string, string> = {
  ...RECORD_FIELD_LABELS,
  status: '状态',
  underObjection: '异议标记',
};

/** How a record behind an issued report changed (报告出具后的记录变化). */
export const RECORD_CHANGE_ZH: Record<string, string> = {
  CORRECTED: '更正',
  REVOKED: '撤销',
  REPAIRED: '信用修复',
  ADDED_LATE: '补报',
  UNDER_OBJECTION: '异议处理中',
};

/** An uploaded file's import (导入记录). */
export const IMPORT_STATUS_ZH: Record<string, string> = { RUNNING: '归集中', DONE: '归集完成', FAILED: '归集中止' };

/** A submitted row's outcome. */
export const VERDICT_ZH: Record<string, string> = {
  CREATED: '新增',
  UPDATED: '更新',
  UNCHANGED: '未变化',
  EXCLUDED: '不予归集',
  REJECTED: '退回',
};

/** Why rows were refused, in a word (tallies); the rejects file says it in a sentence. */
export const REJECT_REASON_ZH: Record<string, string> = {
  MISSING_FIELD: '必填项缺失',
  BAD_CHECK_CHARACTER: '代码校验位错误',
  INVALID_CODE: '代码格式错误',
  UNKNOWN_DOMAIN: '领域不在目录中',
  INACTIVE_DOMAIN: '领域已停用',
  DOMAIN_NOT_ALLOWED: '非本单位报送领域',
  INVALID_DATE: '日期无法识别',
  DATE_BEFORE_2020: '早于归集起始日',
  DATE_IN_FUTURE: '日期晚于今天',
  DATE_ORDER: '日期先后不符',
  NEGATIVE_AMOUNT: '金额为负数',
  INVALID_AMOUNT: '金额无法识别',
  INVALID_VALUE: '取值不在规定范围',
  TOO_LONG: '内容过长',
  OWNED_BY_OTHER_UNIT: '已由其他单位报送',
  CORRECTED_BY_OBJECTION: '已经异议更正',
  RECORD_REVOKED: '记录已撤销',
  LAWFULLY_NOT_PUNISHED: '依法不予处罚',
  NOT_LEGALLY_EFFECTIVE: '法律文书未生效',
  DUPLICATE_IN_BATCH: '批次内重复',
  FIELD_COUNT: '整行无法读取',
  NOT_JSON_OBJECT: '整行无法读取',
  ENCODING_INVALID: '含乱码字节',
  FIELD_TOO_LONG: '单元格过长',
  LINE_TOO_LONG: '整行过长',
};

export const OBJECTION_STATUS_ZH: Record<string, string> = {
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

export const OBJECTION_TYPE_ZH: Record<string, string> = {
  RECORD_ERROR: '信息有误',
  REPAIR_RESULT: '信用修复结果',
  EXPLANATION_REQUEST: '申请说明',
};

/** Steps of an objection's timeline. */
export const OBJECTION_ACTION_ZH: Record<string, string> = {
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

export const FEEDBACK_KIND_ZH: Record<string, string> = {
  CONSULTATION: '咨询',
  CERTIFICATE_STILL_DEMANDED: '应替未替投诉',
  SERVICE_COMPLAINT: '服务投诉',
};

export const FEEDBACK_STATUS_ZH: Record<string, string> = {
  SUBMITTED: '已提交',
  ANSWERED: '已答复',
  FORWARDED: '已转主管单位',
  UNIT_REPLIED: '主管单位已回复',
  CLOSED: '已办结',
  DISMISSED: '不予受理',
  WITHDRAWN: '已撤回',
};

/** Steps of a consultation's or complaint's timeline. */
export const FEEDBACK_ACTION_ZH: Record<string, string> = {
  FILE: '提交',
  ANSWER: '答复',
  FORWARD: '转主管单位',
  UNIT_REPLY: '主管单位回复',
  CLOSE: '办结反馈',
  DISMISS: '不予受理',
  WITHDRAW: '撤回',
};

export const ROLE_ZH: Record<string, string> = {
  SUBJECT: '信用主体',
  OPERATOR: '窗口工作人员',
  PARTNER: '报告使用方',
  SOURCE_UNIT: '数据来源单位',
  LEAD_DEPARTMENT: '信用主管部门',
  ANALYST: '统计分析人员',
  SERVICE: '系统服务',
  // Steps the platform takes by itself (an accepted objection forwarded to its unit).
  SYSTEM: '系统自动',
  ANONYMOUS: '匿名核验',
};

/** Who took a step of a consultation or complaint: someone without a token files, never verifies. */
export const FEEDBACK_ROLE_ZH: Record<string, string> = { ...ROLE_ZH, ANONYMOUS: '匿名提交人' };

export const REPORT_STATUS_ZH: Record<string, string> = { ISSUED: '有效', REVOKED: '已撤销' };

export const DOMAIN_OUTCOME_ZH: Record<string, string> = {
  NO_RECORD: '无违法违规记录',
  HAS_RECORDS: '有违法违规记录',
};

export const COMMITMENT_STATUS_ZH: Record<string, string> = { ACTIVE: '履约中', BREACHED: '虚假承诺' };

/** What a verifier is warned of although the report is authentic. */
export const VERIFICATION_WARNING_ZH: Record<string, string> = {
  COMMITMENT_BREACHED_AFTER_ISSUANCE: '出具后信用承诺被认定为虚假承诺',
  COMMITMENT_STATUS_UNAVAILABLE: '暂时无法核实信用承诺状态',
  RECORDS_CHANGED_SINCE_ISSUANCE: '出具后信用记录已有变化',
};

/** A partner's webhook events and their deliveries. */
export const WEBHOOK_EVENT_ZH: Record<string, string> = {
  REVOKED: '报告已撤销',
  BREACHED: '信用承诺被认定为虚假承诺',
  RECORDS_CHANGED: '报告所涉记录有变化',
};

export const WEBHOOK_STATUS_ZH: Record<string, string> = { PENDING: '待发送', DELIVERED: '已送达', FAILED: '发送失败' };

/** What recognising another province's report warns of although its signature checks out. */
export const RECOGNITION_WARNING_ZH: Record<string, string> = { NAME_MISMATCH: '主体名称与本省登记不一致' };

/** The assessment's and the quality dashboard's warnings. */
export const ASSESSMENT_WARNING_ZH: Record<string, string> = {
  LATE_SUBMISSIONS: '报送滞后',
  HIGH_REJECTION_RATE: '退回率偏高',
  SILENT: '未报送',
  NAME_MISMATCHES: '名称不符',
  OBJECTIONS_OVERDUE: '异议逾期',
  COMPLAINTS_OVERDUE: '投诉逾期',
  FREQUENT_CERTIFICATE_DEMANDS: '应替未替频发',
};

/** Fields of the lead department's registers and catalogues, named in their histories and in refusals. */
export const CATALOGUE_FIELD_ZH: Record<string, string> = {
  code: '编码',
  name: '名称',
  creditCode: '统一社会信用代码',
  regionCode: '所在地区',
  domainCodes: '适用领域',
  active: '启用状态',
  scenario: '使用场景',
  acceptingOfficeType: '受理机构类型',
  legalBasis: '依据',
  title: '标题',
  summary: '简介',
  steps: '办理步骤',
  materials: '所需材料',
  access: '办理地点与时间',
  contact: '联系方式',
  nameZh: '中文名称',
  nameEn: '英文名称',
  year: '年度',
  holidays: '放假日期',
  makeupWorkdays: '调休上班日期',
  notice: '依据通知',
  reason: '理由',
  number: '报告编号',
};

/** A substitution matter's revision kinds (SubstitutionMatterRevision.kind). */
export const CATALOGUE_REVISION_ZH: Record<string, string> = {
  DEFINE: '新增',
  CHANGE: '修改',
  DEACTIVATE: '停用',
  ACTIVATE: '启用',
};

/** Access-log actions (`object.verb`) with a wording of their own; others are put together below. */
export const ACCESS_ACTION_ZH: Record<string, string> = {
  'subject.read': '查看主体信息',
  'subject.list': '查询主体名单',
  'subject.upsert': '登记主体信息',
  'subject.nationalExport': '导出报送国家平台数据',
  'subject.nationalFeed': '推送国家平台数据',
  'record.read': '查看记录',
  'record.history': '查看记录历史',
  'record.summary': '查看记录汇总',
  'record.snapshot': '出具报告时读取记录',
  'record.submit': '报送记录',
  'record.repair': '信用修复',
  'record.revoke': '撤销记录',
  'report.issue': '出具报告',
  'report.read': '查看报告',
  'report.verify': '核验报告',
  'report.pdf': '下载报告',
  'report.revoke': '撤销报告',
  'report.recognize': '认可报告',
  'report.authorize': '授权查看报告',
  'report.authorize.revoke': '撤回查看授权',
  'report.subscribe': '订阅报告变化',
  'report.unsubscribe': '取消订阅报告变化',
  'objection.retryEffects': '重新推送异议处理结果',
  'assessment.export': '导出考核表',
  'guide.update': '更新办事指南',
  'webhook.redeliver': '重新推送通知',
  'webhook.secret.create': '生成通知密钥',
};

/** The object of an access-log action (`objection` of `objection.uphold`). */
const ACCESS_OBJECT_ZH: Record<string, string> = {
  subject: '主体信息',
  record: '记录',
  report: '报告',
  objection: '异议',
  feedback: '咨询投诉',
  commitment: '信用承诺',
  substitution: '替代事项目录',
  sourceUnit: '数据来源单位',
  domain: '适用领域',
  assessment: '考核',
  guide: '办事指南',
  webhook: '通知',
};

/** The verb of an access-log action (`uphold` of `objection.uphold`). */
const ACCESS_VERB_ZH: Record<string, string> = {
  read: '查看',
  list: '查询',
  file: '提交',
  make: '作出',
  breach: '认定违背',
  clear: '撤销认定',
  accept: '受理',
  forward: '转办',
  refuse: '不予受理',
  reassign: '改派',
  start_review: '开始核查',
  uphold: '认定成立',
  reject: '认定不成立',
  close: '办结',
  withdraw: '撤回',
  answer: '答复',
  unit_reply: '主管单位回复',
  dismiss: '不予受理',
  create: '新增',
  update: '修改',
  retire: '停用',
  activate: '启用',
  deactivate: '停用',
  export: '导出',
  define: '新增',
  change: '修改',
  register: '登记',
  add: '新增',
};

/** What a refusal means (extensions.code), the headline the console shows before the API's detail. */
export const ERROR_CODE_ZH: Record<string, string> = {
  BAD_USER_INPUT: '填写有误',
  UNAUTHENTICATED: '请先登录（凭证无效或已过期）',
  FORBIDDEN: '无权办理此项',
  NOT_FOUND: '未找到',
  CONFLICT: '与当前状态冲突，请刷新后再试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  SUBSTITUTION_NOT_ALLOWED: '该事项不适用以报告代替证明',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后重试',
  DEPTH_LIMIT_EXCEEDED: '查询层级过深',
  ALIAS_LIMIT_EXCEEDED: '查询别名过多',
  ROOT_FIELD_LIMIT_EXCEEDED: '一次查询的项目过多',
  COST_LIMIT_EXCEEDED: '查询过大',
  PAYLOAD_TOO_LARGE: '提交内容过大',
  PERSISTED_QUERY_NOT_ALLOWED: '不接受该查询',
  BAD_REQUEST: '请求格式有误',
  PERSISTED_QUERY_HASH_MISMATCH: '查询摘要不符',
  OPERATION_NOT_SUPPORTED: '不支持该类操作',
  VERIFICATION_LOCKED: '核验错误次数过多，已暂时锁定',
  INTERNAL_SERVER_ERROR: '系统内部错误，请稍后重试',
};

/** `objection.uphold` -> 认定成立异议: the table's wording, else its object and verb, else 其他操作. */
export function accessActionZh(action: string): string {
  const own = ACCESS_ACTION_ZH[action];
  if (own) return own;
  const [object, verb] = action.split('.');
  const o = ACCESS_OBJECT_ZH[object];
  const v = verb === undefined ? undefined : ACCESS_VERB_ZH[verb];
  if (o && v) return `${v}${o}`;
  return o ? `${o}相关操作` : '其他操作';
}

/** Every table by name: tests check that none lets a code through. */
export const TERM_TABLES = {
  SCENARIO_ZH,
  SCENARIO_SHORT_ZH,
  CHANNEL_ZH,
  PRESENTER_BASIS_ZH,
  ID_DOCUMENT_TYPE_ZH,
  SUBJECT_KIND_ZH,
  SUBJECT_STATUS_ZH,
  RECORD_CATEGORY_ZH,
  RECORD_STATUS_ZH,
  RECORD_SUBJECT_TYPE_ZH,
  LICENCE_ACTION_ZH,
  RECORD_FIELD_ZH,
  RECORD_CHANGE_ZH,
  VERDICT_ZH,
  IMPORT_STATUS_ZH,
  REJECT_REASON_ZH,
  OBJECTION_STATUS_ZH,
  OBJECTION_TYPE_ZH,
  OBJECTION_ACTION_ZH,
  FEEDBACK_KIND_ZH,
  FEEDBACK_STATUS_ZH,
  FEEDBACK_ACTION_ZH,
  ROLE_ZH,
  FEEDBACK_ROLE_ZH,
  REPORT_STATUS_ZH,
  DOMAIN_OUTCOME_ZH,
  COMMITMENT_STATUS_ZH,
  VERIFICATION_WARNING_ZH,
  WEBHOOK_EVENT_ZH,
  WEBHOOK_STATUS_ZH,
  RECOGNITION_WARNING_ZH,
  ASSESSMENT_WARNING_ZH,
  CATALOGUE_FIELD_ZH,
  CATALOGUE_REVISION_ZH,
  ACCESS_ACTION_ZH,
  ERROR_CODE_ZH,
} as const;

/** A code as people read it: its label, 未知 for a code the table lacks (never the code), — for none. */
export const term = (table: Readonly<Record<string, string>>, code: string | null | undefined): string =>
  code ? (table[code] ?? '未知') : '—';
