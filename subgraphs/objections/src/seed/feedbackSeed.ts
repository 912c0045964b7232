import {
  addDays,
  chinaDate,
  demoSubjects,
  Role,
  type Logger,
  type Principal,
  type ServiceContext,
} from '@credit/shared';
import type { ObjectionsServices } from '../context';
import { FeedbackEntity } from '../feedback/feedback.entity';
import type { FileFeedbackInput } from '../feedback/feedback.inputs';
import { FeedbackKind } from '../feedback/feedbackStatus';

interface Actors {
  lead: ServiceContext;
  unit: (unitCode: string) => ServiceContext;
  owner: ServiceContext;
}
type Act = (s: ObjectionsServices, a: Actors, id: string) => Promise<unknown>;

interface DemoCase {
  /** The state it ends in (for the log and the reader of this file). */
  state: string;
  /** Filed this many days ago (some in the current quarter, some in the previous one). */
  daysAgo: number;
  /** Filed by the demo subject at this index, by an operator for it, or anonymously. */
  filer: 'subject' | 'operator' | 'anonymous';
  subject: number;
  input: Omit<FileFeedbackInput, 'demandedOn'> & { demandedDaysBefore?: number };
  then: Act;
}

const NOTHING: Act = async () => undefined;
const office = (name: string, supervisingUnitCode: string | null = null) => ({ name, supervisingUnitCode });

/** 应替未替 forwarded, replied to, and closed with feedback to the filer. */
const closedAfterReply =
  (unitCode: string, reply: string, rectified: boolean, feedback: string): Act =>
  async (s, a, id) => {
    await s.feedback.forward(a.lead, { id, unitCode });
    await s.feedback.reply(a.unit(unitCode), { id, reply, rectified });
    await s.feedback.close(a.lead, id, feedback);
  };

const CASES: DemoCase[] = [
  {
    state: 'SUBMITTED',
    daysAgo: 1,
    filer: 'subject',
    subject: 0,
    input: {
      kind: FeedbackKind.CERTIFICATE_STILL_DEMANDED,
      content:
        '参加市政道路养护项目投标时，招标代理机构仍要求提供市场监管部门出具的无违法违规记录证明，不认可专项信用报告。',
      office: office('贵阳市观山湖区公共资源交易中心', 'GZ-520100-D07'),
      matter: '政府采购项目投标资格审查',
      matterCode: 'BID-GOV-PROCUREMENT',
      regionCode: '520100',
      demandedDaysBefore: 2,
    },
    then: NOTHING,
  },
  {
    state: 'SUBMITTED (overdue)',
    daysAgo: 20,
    filer: 'anonymous',
    subject: 0,
    input: {
      kind: FeedbackKind.SERVICE_COMPLAINT,
      content: '在政务服务网下载专项信用报告时多次提示系统繁忙，客服电话无人接听。',
      contact: { name: '张海涛', phone: '13985012345' },
    },
    then: NOTHING,
  },
  {
    state: 'ANSWERED',
    daysAgo: 12,
    filer: 'anonymous',
    subject: 0,
    input: {
      kind: FeedbackKind.CONSULTATION,
      content: '申请银行贷款时，专项信用报告能否代替税务、社保两个领域的无违法违规证明？',
      contact: { email: 'wang.li@example.com' },
    },
    then: (s, a, id) =>
      s.feedback.answer(
        a.lead,
        id,
        '可以。专项信用报告覆盖税务、社会保险等43个领域，请在“融资信贷”场景下勾选相应领域后下载。',
      ),
  },
  {
    state: 'ANSWERED',
    daysAgo: 40,
    filer: 'operator',
    subject: 2,
    input: {
      kind: FeedbackKind.SERVICE_COMPLAINT,
      content: '政务服务大厅自助终端打印的报告二维码模糊，扫码核验失败。',
    },
    then: (s, a, id) =>
      s.feedback.answer(a.lead, id, '已通知终端运维单位更换打印耗材；报告亦可凭报告编号和核验码在线核验。'),
  },
  {
    state: 'FORWARDED',
    daysAgo: 5,
    filer: 'subject',
    subject: 1,
    input: {
      kind: FeedbackKind.CERTIFICATE_STILL_DEMANDED,
      content: '办理建筑施工企业资质延续时，窗口要求另行开具住建领域无违法违规证明。',
      office: office('遵义市政务服务中心住建窗口', 'GZ-520300-D07'),
      matter: '建筑业企业资质延续',
      matterCode: 'QUAL-CONSTRUCTION',
      demandedDaysBefore: 1,
    },
    then: (s, a, id) => s.feedback.forward(a.lead, { id }),
  },
  {
    state: 'SUBMITTED (overdue: no supervising unit named yet)',
    daysAgo: 35,
    filer: 'subject',
    subject: 3,
    input: {
      kind: FeedbackKind.CERTIFICATE_STILL_DEMANDED,
      content: '申报省级专项资金时，主管部门要求提供环保领域无违法违规证明原件。',
      office: office('六盘水市某县工业和信息化局'),
      matter: '省级工业发展专项资金申报',
      demandedDaysBefore: 3,
    },
    then: NOTHING,
  },
  {
    state: 'UNIT_REPLIED',
    daysAgo: 15,
    filer: 'subject',
    subject: 4,
    input: {
      kind: FeedbackKind.CERTIFICATE_STILL_DEMANDED,
      content: '参加国有企业物资采购竞争性谈判时，采购人要求提供无行贿犯罪记录证明及市场监管无违法证明。',
      office: office('安顺市某国有投资集团采购部', 'GZ-520400-D07'),
      matter: '国有企业采购供应商资格审查',
      matterCode: 'BID-SOE-PROCUREMENT',
      demandedDaysBefore: 2,
    },
    then: async (s, a, id) => {
      await s.feedback.forward(a.lead, { id });
      await s.feedback.reply(a.unit('GZ-520400-D07'), {
        id,
        reply: '已向采购人说明专项信用报告的替代效力，采购人承诺修改采购文件。',
        rectified: true,
      });
    },
  },
  {
    state: 'CLOSED',
    daysAgo: 60,
    filer: 'subject',
    subject: 5,
    input: {
      kind: FeedbackKind.CERTIFICATE_STILL_DEMANDED,
      content: '申请评优评先时，评审单位仍要求提供安全生产领域无违法违规证明。',
      office: office('毕节市某行业协会', 'GZ-520500-D07'),
      matter: '行业评优评先',
      demandedDaysBefore: 5,
    },
    then: closedAfterReply(
      'GZ-520500-D07',
      '已约谈该协会，评选通知已改为接受专项信用报告。',
      true,
      '经主管单位督促，该协会已修改评选通知，今后接受专项信用报告。感谢您的反映。',
    ),
  },
  {
    state: 'CLOSED',
    daysAgo: 100,
    filer: 'operator',
    subject: 6,
    input: {
      kind: FeedbackKind.CERTIFICATE_STILL_DEMANDED,
      content: '办理食品经营许可变更时，窗口要求提供无违法违规证明。',
      office: office('铜仁市某区市场监督管理局窗口', 'GZ-520600-D07'),
      matter: '食品经营许可变更',
      matterCode: 'LIC-FOOD-CHANGE',
      demandedDaysBefore: 1,
    },
    then: closedAfterReply(
      'GZ-520600-D07',
      '经核查，该事项依法需核验原件，已与申请人沟通，后续以专项信用报告替代。',
      false,
      '主管单位已说明情况并承诺整改，我厅将在季度评估中跟踪落实。',
    ),
  },
  {
    state: 'DISMISSED',
    daysAgo: 25,
    filer: 'anonymous',
    subject: 0,
    input: {
      kind: FeedbackKind.SERVICE_COMPLAINT,
      content: '测试测试',
      contact: { phone: '0851-86812345' },
    },
    then: (s, a, id) => s.feedback.dismiss(a.lead, id, '内容无实际诉求，无法办理。'),
  },
  {
    state: 'WITHDRAWN',
    daysAgo: 8,
    filer: 'subject',
    subject: 7,
    input: {
      kind: FeedbackKind.CONSULTATION,
      content: '个体工商户能否下载专项信用报告？',
    },
    then: (s, a, id) => s.feedback.withdraw(a.owner, id, '已在办事指南中找到答案'),
  },
];

const ctxFor = (principal: Principal | undefined, log: Logger): ServiceContext => ({
  requestId: 'demo-seed-feedback',
  log,
  principal,
});

/**
 * Seeds consultations and complaints ending in every state, filed by demo subjects, by an operator
 * for one and anonymously, over the current and the previous quarter. Idempotent (skipped once any
 * demo case exists); needs the unit register of entities for the forwarded ones.
 */
export async function seedDemoFeedback(s: ObjectionsServices, logger: Logger): Promise<{ created: number }> {
  if ((await s.db.getRepository(FeedbackEntity).countBy({ demo: true })) > 0) return { created: 0 };
  const subjects = demoSubjects().filter((x) => x.kind !== 'NATURAL_PERSON');
  const now = Date.now();
  let created = 0;
  for (const c of CASES) {
    const subject = subjects[c.subject];
    const owner = ctxFor({ role: Role.SUBJECT, sub: 'demo-subject', creditCode: subject.creditCode }, logger);
    const filer =
      c.filer === 'subject'
        ? owner
        : c.filer === 'operator'
          ? ctxFor(
              { role: Role.OPERATOR, sub: 'demo-operator', operatorId: 'window-01', channel: 'SERVICE_WINDOW' },
              logger,
            )
          : ctxFor(undefined, logger);
    const at = new Date(now - c.daysAgo * 86_400_000);
    const { demandedDaysBefore, ...input } = c.input;
    const { feedback } = await s.feedback.file(
      filer,
      {
        ...input,
        creditCode: c.filer === 'operator' ? subject.creditCode : null,
        demandedOn: demandedDaysBefore !== undefined ? addDays(chinaDate(at), -demandedDaysBefore) : null,
      } as FileFeedbackInput,
      { demo: true, at },
    );
    await c.then(
      s,
      {
        lead: ctxFor({ role: Role.LEAD_DEPARTMENT, sub: 'demo-lead' }, logger),
        unit: (unitCode) => ctxFor({ role: Role.SOURCE_UNIT, sub: 'demo-unit', unitCode, domains: ['D07'] }, logger),
        owner,
      },
      feedback.id,
    );
    created++;
  }
  return { created };
}
