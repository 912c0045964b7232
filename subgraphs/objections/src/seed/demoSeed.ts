import {
  COVERAGE_START,
  demoSubjects,
  OBJECTION_STATUS_ZH,
  Role,
  type Logger,
  type Principal,
  type ServiceContext,
} from '@credit/shared';
import type { ObjectionsServices } from '../context';
import { ObjectionEntity } from '../objection/objection.entity';
import { ObjectionCorrectionAction } from '../correction/correction.type';
import { ObjectionType } from '../objection/objectionStatus';
import type { RecordFacts } from '../outbox/recordsClient';
import { ObjectionOutcome } from '../workflow/workflow.inputs';

const DOMAINS = Array.from({ length: 43 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
const SUBJECTS_TO_ASK = 60;

/** The scripted demo: one objection ending in each state (ACCEPTED is passed through on the way to FORWARDED). */
type Script = (s: ObjectionsServices, as: Actors, id: string) => Promise<unknown>;
interface Actors {
  lead: ServiceContext;
  unit: ServiceContext;
  owner: ServiceContext;
}
const SCRIPTS: [string, ObjectionType, Script][] = [
  ['SUBMITTED', ObjectionType.RECORD_ERROR, async () => undefined],
  [
    'REFUSED',
    ObjectionType.RECORD_ERROR,
    (s, a, id) => s.objections.refuse(a.lead, id, '异议材料不全，请补充处罚决定书后重新提交'),
  ],
  ['FORWARDED', ObjectionType.EXPLANATION_REQUEST, (s, a, id) => s.objections.accept(a.lead, id, '材料齐全，予以受理')],
  [
    'UNDER_REVIEW',
    ObjectionType.REPAIR_RESULT,
    async (s, a, id) => {
      await s.objections.accept(a.lead, id);
      await s.objections.startReview(a.unit, id, '已调取原始执法档案核查');
    },
  ],
  [
    'UPHELD',
    ObjectionType.RECORD_ERROR,
    async (s, a, id) => {
      await s.objections.accept(a.lead, id);
      await s.objections.startReview(a.unit, id);
      await s.objections.resolve(a.unit, {
        id,
        outcome: ObjectionOutcome.UPHELD,
        explanation: '经核查，处罚内容录入有误，已更正',
        correction: {
          action: ObjectionCorrectionAction.CORRECT,
          reason: '异议成立：更正处罚内容',
          changes: { penaltyContent: '警告（经异议核查更正）' },
        },
      });
    },
  ],
  [
    'REJECTED',
    ObjectionType.RECORD_ERROR,
    async (s, a, id) => {
      await s.objections.accept(a.lead, id);
      await s.objections.startReview(a.unit, id);
      await s.objections.resolve(a.unit, {
        id,
        outcome: ObjectionOutcome.REJECTED,
        explanation: '经核查，记录与处罚决定书一致，异议不成立',
      });
    },
  ],
  [
    'CLOSED',
    ObjectionType.RECORD_ERROR,
    async (s, a, id) => {
      await s.objections.accept(a.lead, id);
      await s.objections.startReview(a.unit, id);
      await s.objections.resolve(a.unit, { id, outcome: ObjectionOutcome.REJECTED, explanation: '经核查，记录准确' });
      await s.objections.close(a.owner, id, '已知悉核查结果');
    },
  ],
  [
    'WITHDRAWN',
    ObjectionType.RECORD_ERROR,
    (s, a, id) => s.objections.withdraw(a.owner, id, '已与执法部门沟通，撤回异议'),
  ],
];

const ctxFor = (principal: Principal, log: Logger): ServiceContext => ({
  requestId: 'demo-seed-objections',
  log,
  principal,
});

/**
 * Seeds one demo objection per workflow state on demo records, asking records (as SERVICE) which
 * records the first demo subjects have. Deterministic (same subjects, same order) and idempotent
 * (skipped once any demo objection exists). Effects on records go through the outbox like any other.
 */
export async function seedDemoObjections(s: ObjectionsServices, logger: Logger): Promise<{ created: number }> {
  if ((await s.db.getRepository(ObjectionEntity).countBy({ demo: true })) > 0) return { created: 0 };
  const today = s.objections.today();
  const picked: RecordFacts[] = [];
  for (const subject of demoSubjects()
    .filter((x) => x.kind !== 'NATURAL_PERSON')
    .slice(0, SUBJECTS_TO_ASK)) {
    const records = await s.records.recordsOf(subject.creditCode, DOMAINS, COVERAGE_START, today);
    const record = [...records].sort((a, b) => a.id.localeCompare(b.id)).find((r) => r.status === 'EFFECTIVE');
    if (record) picked.push(record);
    if (picked.length === SCRIPTS.length) break;
  }
  let created = 0;
  for (const [i, record] of picked.entries()) {
    const [state, type, script] = SCRIPTS[i];
    const actors: Actors = {
      lead: ctxFor({ role: Role.LEAD_DEPARTMENT, sub: 'demo-lead' }, logger),
      unit: ctxFor(
        { role: Role.SOURCE_UNIT, sub: 'demo-unit', unitCode: record.sourceUnitCode, domains: [record.domainCode] },
        logger,
      ),
      owner: ctxFor({ role: Role.SUBJECT, sub: 'demo-subject', creditCode: record.creditCode }, logger),
    };
    const o = await s.filing.file(
      actors.owner,
      {
        recordId: record.id,
        type,
        reason:
          state === 'SUBMITTED'
            ? '处罚决定书文号与本单位收到的不一致'
            : `演示异议（${OBJECTION_STATUS_ZH[state]}）：记录内容与实际情况不符`,
        evidence:
          i === 0
            ? [
                {
                  name: '说明.txt',
                  contentType: 'text/plain',
                  contentBase64: Buffer.from('演示证据材料').toString('base64'),
                },
              ]
            : [],
      },
      { demo: true },
    );
    await script(s, actors, o.id);
    created++;
  }
  if (picked.length < SCRIPTS.length)
    logger.warn({ found: picked.length }, 'fewer demo records than workflow states; seeded what there was');
  return { created };
}
