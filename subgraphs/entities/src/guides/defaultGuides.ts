import { ReportChannel } from '@credit/shared';

export interface GuideContent {
  title: string;
  summary: string;
  steps: string[];
  materials: string[];
  access: string;
  contact: string;
}

const FREE = '专项信用报告免费查询、下载、打印，可替代各行业领域有无违法违规记录证明（“一份信用报告代替一摞证明”）。';
const CHOOSE = '根据办理事项选择应用场景、报告时段（默认近五年）和需要覆盖的领域；选择“办理事项”时系统自动建议所需领域';
const VERIFY = '报告使用方扫描报告二维码或在“信用中国（贵州）”网站输入报告编号和验证码核验报告真伪';
const CONTACT = '贵州省信用牵头部门 咨询投诉：12345 政务服务便民热线';

/**
 * The guide each channel starts with (plan 三(四): 同步公布相关办事指南和操作流程). Loaded when a
 * channel has none, like the domain catalogue; the lead department edits them afterwards.
 */
export const DEFAULT_GUIDES: Record<string, GuideContent> = {
  [ReportChannel.WEBSITE]: {
    title: '“信用中国（贵州）”网站专项信用报告查询下载指南',
    summary: FREE,
    steps: [
      '登录“信用中国（贵州）”网站，完成实名认证（法人可使用电子营业执照登录）',
      '进入“专项信用报告查询专区”',
      CHOOSE,
      '确认信用承诺（如有暂未覆盖领域）并提交申请',
      '在线查看、下载带电子签名和二维码的 PDF 报告，记下报告编号和验证码',
      VERIFY,
    ],
    materials: ['统一社会信用代码或身份证号', '实名认证账号（电子营业执照或个人实名账号）'],
    access: '“信用中国（贵州）”网站，全天 24 小时',
    contact: CONTACT,
  },
  [ReportChannel.GOV_SERVICE_PORTAL]: {
    title: '贵州政务服务网专项信用报告办理指南',
    summary: FREE,
    steps: [
      '登录贵州政务服务网（法人或个人实名账号）',
      '搜索“专项信用报告”进入查询专区',
      CHOOSE,
      '提交申请，在线下载报告',
      '办理其他政务服务事项时可直接引用已出具的报告，无需另行提交无违法违规记录证明',
    ],
    materials: ['统一社会信用代码或身份证号', '贵州政务服务网实名账号'],
    access: '贵州政务服务网，全天 24 小时',
    contact: CONTACT,
  },
  [ReportChannel.PUBLIC_RESOURCE_TRADING]: {
    title: '省公共资源交易平台专项信用报告使用指南',
    summary: `${FREE}参与招标投标、政府采购等公共资源交易时，以专项信用报告替代各领域无违法违规记录证明。`,
    steps: [
      '登录省公共资源交易平台（CA 数字证书）',
      '进入“专项信用报告查询专区”，应用场景选择“商务经营（招标投标、政府采购、公共资源交易等）”',
      '选择办理事项（如房屋建筑和市政基础设施工程施工招标投标），系统建议所需领域',
      '提交申请并下载报告，随投标文件上传或填写报告编号和验证码',
      '招标人、评标委员会通过报告编号和验证码核验报告',
    ],
    materials: ['CA 数字证书', '统一社会信用代码'],
    access: '省公共资源交易平台，全天 24 小时；各级公共资源交易中心服务窗口工作日办理',
    contact: CONTACT,
  },
  [ReportChannel.SERVICE_WINDOW]: {
    title: '政务服务窗口专项信用报告线下办理指南',
    summary: `${FREE}为不方便网上办理的信用主体（含省外来黔经营主体）提供线下查询和免费打印。`,
    steps: [
      '到各级政务服务中心信用服务窗口取号',
      '出示身份证件；代办的出示授权委托书和经办人身份证',
      '告知窗口人员办理事项、报告时段和需要覆盖的领域',
      '窗口人员核验身份后出具报告并免费打印，报告编号和验证码一并告知',
    ],
    materials: ['法定代表人身份证或经办人身份证及授权委托书', '营业执照（副本）或其他主体登记证明（省外主体同样适用）'],
    access: '各级政务服务中心信用服务窗口，法定工作日 9:00-12:00、13:00-17:00',
    contact: CONTACT,
  },
  [ReportChannel.SELF_SERVICE_TERMINAL]: {
    title: '一体化智能自助终端专项信用报告自助打印指南',
    summary: FREE,
    steps: [
      '在一体化智能自助终端首页选择“专项信用报告”',
      '刷身份证或扫描电子营业执照完成身份核验',
      CHOOSE,
      '确认后免费打印报告，妥善保管报告编号和验证码',
    ],
    materials: ['身份证或电子营业执照'],
    access: '各级政务服务中心及部分银行网点的一体化智能自助终端，开放时间以所在场所为准',
    contact: CONTACT,
  },
};
