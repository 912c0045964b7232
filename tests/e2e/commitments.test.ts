import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, startPlatform, type Platform } from '../platform';

// The lead department's list of commitments across subjects (the console's /admin/commitments):
// who may read it, the status filter, the bound on its length, and the audit of each subject read.
let p: Platform;
let lead: string;
const DEMO_SUBJECT = '91520100210000754L';
beforeAll(async () => {
  p = await startPlatform([entities], { SEED_DEMO: 'true' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => p.stop());

const LIST = 'query($s: CommitmentStatus, $f: Int) { commitments(status: $s, first: $f) { id creditCode status } }';

describe('commitments (lead department)', () => {
  it('lists commitments newest first, filters the standing breaches, and audits the subjects read', async () => {
    const subject = await tokenFor({ role: 'SUBJECT', creditCode: DEMO_SUBJECT });
    const make = (statement: string) =>
      gql(
        p.gatewayUrl,
        'mutation($s: String!) { makeCommitment(input: { domains: ["D33"], statement: $s }) { id } }',
        { s: statement },
        subject,
      );
    const first = (await make('本企业承诺在林业领域无违法违规行为（一）')).data!.makeCommitment.id as string;
    const second = (await make('本企业承诺在林业领域无违法违规行为（二）')).data!.makeCommitment.id as string;

    const all = await gql(p.gatewayUrl, LIST, {}, lead);
    expect(all.errors).toBeUndefined();
    const ids = all.data!.commitments.map((c: { id: string }) => c.id);
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(all.data!.commitments.find((c: { id: string }) => c.id === first)).toEqual({
      id: first,
      creditCode: DEMO_SUBJECT,
      status: 'ACTIVE',
    });

    const breach = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { markCommitmentBreached(id: $id, reason: "林业部门查实虚假承诺") { status } }',
      { id: first },
      lead,
    );
    expect(breach.data!.markCommitmentBreached.status).toBe('BREACHED');
    const breached = await gql(p.gatewayUrl, LIST, { s: 'BREACHED' }, lead);
    expect(breached.data!.commitments.map((c: { id: string }) => c.id)).toEqual([first]);
    const one = await gql(p.gatewayUrl, LIST, { f: 1 }, lead);
    expect(one.data!.commitments).toHaveLength(1);

    const trail = await gql(
      p.gatewayUrl,
      'query($c: String!) { auditTrail(filter: { subjectCode: $c, action: "commitment.list" }) { entries { role } } }',
      { c: DEMO_SUBJECT },
      lead,
    );
    expect(trail.data!.auditTrail.entries.length).toBeGreaterThan(0);
    expect(trail.data!.auditTrail.entries[0].role).toBe('LEAD_DEPARTMENT');
  });

  it('refuses other roles and a length out of bounds, naming the field', async () => {
    for (const claims of [
      { role: 'SUBJECT', creditCode: DEMO_SUBJECT },
      { role: 'ANALYST' },
      { role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] },
      { role: 'OPERATOR', operatorId: 'window-520100-01', channel: 'SERVICE_WINDOW' },
    ]) {
      const r = await gql(p.gatewayUrl, LIST, {}, await tokenFor(claims as never));
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(r.data?.commitments ?? null).toBeNull();
    }
    expect(errorCode(await gql(p.gatewayUrl, LIST, {}))).toBe('UNAUTHENTICATED');
    for (const f of [0, 201]) {
      const r = await gql(p.gatewayUrl, LIST, { f }, lead);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('first');
    }
  });
});
