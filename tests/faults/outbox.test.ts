import { makeCreditCode } from '@credit/shared';
import { gql, tokenFor, usingMysql } from '@credit/shared/test';
import { penaltyInput, startPlatformProcesses, type StartedPlatform } from './support';

/**
 * Issue 13 item 9: the records subgraph is killed (SIGKILL, under `pnpm start`) while an upheld
 * objection's correction waits in the objections outbox. The supervisor restarts records after a
 * back-off; the correction is then delivered once: no lost and no duplicated revision.
 */
const RESTART_BACKOFF_MS = 6000;
const FIELDS = 'id number status pendingEffects correction { applied recordVersion }';
const RECORD_VIEW = `query($id: ID!) { violationRecord(id: $id) { fineAmount penaltyContent version
  revisions { seq action objectionId } } }`;

describe(`records killed while a correction waits in the outbox (${usingMysql ? 'MariaDB + Redis' : 'SQLite + memory'})`, () => {
  let platform: StartedPlatform;
  beforeAll(async () => {
    platform = await startPlatformProcesses({ OUTBOX_POLL_MS: '200', RESTART_BACKOFF_MS: String(RESTART_BACKOFF_MS) });
  });
  afterAll(() => platform?.cleanUp());

  it('delivers the correction after the restart, exactly once', async () => {
    const url = platform.gatewayUrl;
    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    // No demo data: the unit is registered as the lead department does (only registered units submit).
    const registered = await gql(
      url,
      'mutation($i: RegisterSourceUnitInput!) { registerSourceUnit(input: $i) { code } }',
      {
        i: {
          code: 'GZ-D07',
          name: '贵州省市场监督管理局',
          creditCode: makeCreditCode('11', '520000', 11_200_000),
          regionCode: '520000',
          domainCodes: ['D07'],
        },
      },
      lead,
    );
    expect(registered.errors).toBeUndefined();
    const subject = {
      creditCode: makeCreditCode('91', '520100', 50_000_000 + (process.pid % 100_000)),
      kind: 'ENTERPRISE',
      name: '贵阳外发箱测试有限公司',
      regionCode: '520100',
      status: 'ACTIVE',
    };
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode });
    const ok = (r: { errors?: unknown[] }) => expect(r.errors).toBeUndefined();
    ok(
      await gql(
        url,
        'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
        { s: [subject] },
        lead,
      ),
    );
    const submitted = await gql(
      url,
      `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created results { recordId } } }`,
      {
        r: [penaltyInput(`黔市监罚〔X${process.pid}〕1号`, subject)],
      },
      unit,
    );
    ok(submitted);
    const recordId = submitted.data!.submitRecords.results[0].recordId as string;
    const before = (await gql(url, RECORD_VIEW, { id: recordId }, lead)).data!.violationRecord;

    const filed = await gql(
      url,
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { ${FIELDS} } }`,
      { input: { recordId, reason: '罚款金额与处罚决定书不一致', type: 'RECORD_ERROR' } },
      owner,
    );
    ok(filed);
    const id = filed.data!.fileObjection.id as string;
    ok(await gql(url, `mutation($id: ID!) { acceptObjection(id: $id) { status } }`, { id }, lead));
    ok(await gql(url, `mutation($id: ID!) { startObjectionReview(id: $id) { status } }`, { id }, unit));

    // Records dies; the unit upholds the objection meanwhile: the correction goes to the outbox.
    const back = platform.backAgain('records');
    const killedAt = Date.now();
    process.kill(platform.pids.records, 'SIGKILL');
    const resolved = await gql(
      url,
      `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { ${FIELDS} } }`,
      {
        input: {
          id,
          outcome: 'UPHELD',
          explanation: '经核查，罚款金额应为500元，已更正',
          correction: {
            action: 'CORRECT',
            reason: '异议成立：罚款金额录入错误',
            changes: { fineAmount: '500.00', penaltyContent: '罚款500元' },
          },
        },
      },
      unit,
    );
    ok(resolved);
    const waiting = await gql(url, `query($id: ID!) { objection(id: $id) { ${FIELDS} } }`, { id }, lead);
    // Still inside the restart back-off: records has not come back yet, so nothing could be delivered.
    expect(platform.output()).not.toMatch(/records is back/);
    expect(waiting.data!.objection).toMatchObject({ status: 'UPHELD', correction: { applied: false } });
    expect(waiting.data!.objection.pendingEffects).toBeGreaterThan(0);

    await back;
    await platform.until(async () => {
      const o = await gql(url, `query($id: ID!) { objection(id: $id) { ${FIELDS} } }`, { id }, lead);
      return o.data?.objection?.pendingEffects === 0 && o.data.objection.correction.applied === true;
    });
    console.log(
      `records killed with a correction in the outbox: delivered ${((Date.now() - killedAt) / 1000).toFixed(1)} s ` +
        `after the kill (restart back-off ${RESTART_BACKOFF_MS / 1000} s)`,
    );
    const after = (await gql(url, RECORD_VIEW, { id: recordId }, lead)).data!.violationRecord;
    // Each effect of the objection arrived once, in order: none lost across the kill, none repeated.
    const effects = after.revisions.filter((r: { objectionId: string | null }) => r.objectionId === id);
    expect(effects.map((r: { action: string }) => r.action)).toEqual([
      'OBJECTION_OPENED',
      'CORRECTED',
      'OBJECTION_CLOSED',
    ]);
    expect(after.revisions).toHaveLength(before.revisions.length + 3);
    expect(after).toMatchObject({ fineAmount: '500.00', penaltyContent: '罚款500元', version: before.version + 3 });
  });
});
