import { migrateSchema } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { SUBGRAPHS } from '../../scripts/src/services';
import { penaltyInput } from '../faults/support';
import { CLUSTER, freshSubject, haproxyStats, lead, onCluster, rows, schema, SKIP_NOTE, unitToken } from './support';

/**
 * What relied on one server, checked on the cluster of `pnpm cluster:start`: 3 Galera nodes behind
 * HAProxy's single writer, two replicas of every subgraph and gateway behind HAProxy.
 */
(onCluster ? describe : describe.skip)(`the platform on the Galera + Redis Cluster cluster ${SKIP_NOTE}`, () => {
  const url = CLUSTER.gatewayUrl;

  it('applies each migration once when two migration jobs start together', async () => {
    const reports = SUBGRAPHS.find((s) => s.name === 'reports')!;
    const prefix = `clmig${process.pid}`;
    const dbUrl = CLUSTER.adminUrl.replace(/\/[^/]*$/, `/${prefix}`);
    try {
      const [one, two] = await Promise.all(
        [1, 2].map(() =>
          migrateSchema({ service: 'reports', migrations: reports.migrations, dbUrl, migrateUrl: dbUrl }),
        ),
      );
      const applied = [...one, ...two];
      // Both jobs ran to the end; between them every migration was applied, none twice.
      expect(new Set(applied).size).toBe(applied.length);
      const table = await rows<{ name: string; n: number }>(
        `SELECT name, COUNT(*) AS n FROM \`${prefix}_reports\`.migrations GROUP BY name`,
      );
      expect(table.every((r) => Number(r.n) === 1)).toBe(true);
      expect(table.map((r) => r.name).sort()).toEqual([...applied].sort());
    } finally {
      await rows(`DROP DATABASE IF EXISTS \`${prefix}_reports\``);
    }
  });

  it('keeps report numbers unique when both reports replicas issue at once', async () => {
    const subject = await freshSubject('编号', 1);
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode });
    const before = await haproxyStats();
    const issue = () =>
      gql(
        url,
        `mutation($input: IssueReportInput!) { issueReport(input: $input) { number } }`,
        { input: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
        owner,
      );
    const numbers: string[] = [];
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(Array.from({ length: 8 }, issue));
      for (const a of answers) {
        expect(a.errors).toBeUndefined();
        numbers.push(a.data!.issueReport.number);
      }
    }
    const after = await haproxyStats();
    // Round robin sent issuances to both replicas, each with its own sequence blocks.
    expect(after['reports/a'].stot).toBeGreaterThan(before['reports/a'].stot);
    expect(after['reports/b'].stot).toBeGreaterThan(before['reports/b'].stot);
    expect(new Set(numbers).size).toBe(numbers.length);
    const stored = await rows<{ number: string }>(
      `SELECT number FROM ${schema('reports')}.credit_report WHERE creditCode = ?`,
      [subject.creditCode],
    );
    expect(stored.map((r) => r.number).sort()).toEqual([...numbers].sort());
  });

  it('delivers each objection effect exactly once with two objections replicas polling the outbox', async () => {
    const subject = await freshSubject('外发箱', 2);
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode });
    const unit = await unitToken();
    const leadToken = await lead();
    const submitted = await gql(
      url,
      `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created results { recordId } } }`,
      { r: Array.from({ length: 6 }, (_, i) => penaltyInput(`黔市监罚〔C${process.pid}〕${i}号`, subject)) },
      unit,
    );
    expect(submitted.errors).toBeUndefined();
    const recordIds: string[] = submitted.data!.submitRecords.results.map((r: { recordId: string }) => r.recordId);
    const ok = <T extends { errors?: unknown }>(r: T): T => {
      expect(r.errors).toBeUndefined();
      return r;
    };
    const objectionIds = await Promise.all(
      recordIds.map(async (recordId) => {
        const filed = ok(
          await gql(
            url,
            `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
            { input: { recordId, reason: '罚款金额与处罚决定书不一致', type: 'RECORD_ERROR' } },
            owner,
          ),
        );
        const id = filed.data!.fileObjection.id as string;
        ok(await gql(url, `mutation($id: ID!) { acceptObjection(id: $id) { status } }`, { id }, leadToken));
        ok(await gql(url, `mutation($id: ID!) { startObjectionReview(id: $id) { status } }`, { id }, unit));
        ok(
          await gql(
            url,
            `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { status } }`,
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
          ),
        );
        return id;
      }),
    );
    const pending = async () =>
      (
        await rows<{ n: number }>(
          `SELECT COUNT(*) AS n FROM ${schema('objections')}.objection WHERE id IN (?) AND correctionAppliedAt IS NULL`,
          [objectionIds],
        )
      )[0].n;
    while (Number(await pending()) > 0) await new Promise((r) => setTimeout(r, 250));
    // Let a second poller that might deliver again have its turn before counting.
    await new Promise((r) => setTimeout(r, 3000));
    const effects = await rows<{ objectionId: string; actions: string }>(
      `SELECT objectionId, GROUP_CONCAT(action ORDER BY seq) AS actions FROM ${schema('records')}.record_revision
        WHERE objectionId IN (?) GROUP BY objectionId`,
      [objectionIds],
    );
    expect(effects).toHaveLength(objectionIds.length);
    for (const e of effects) expect(e.actions).toBe('OBJECTION_OPENED,CORRECTED,OBJECTION_CLOSED');
  });
});
