import { makeCreditCode, makeResidentId } from '@credit/shared';
import { tokenFor } from '@credit/shared/test';
import type { FakeRecord, FakeRecords } from './fakeRecords';

let serial = 40_000_000 + Math.floor(Math.random() * 1_000_000);

export const enterpriseCode = () => makeCreditCode('91', '520100', (serial += 17));
export const personCode = () => makeResidentId('520102', '19800101', (serial += 17));
export const recordId = () => `01TESTREC${String((serial += 17)).padStart(17, '0')}`;

/** A record of a fresh subject, submitted by `unit`, registered in the fake records subgraph. */
export function aRecord(fake: FakeRecords, over: Partial<FakeRecord> = {}): FakeRecord {
  return fake.add({
    id: recordId(),
    creditCode: enterpriseCode(),
    subjectType: 'LEGAL_ENTITY',
    sourceUnitCode: 'GZ-D07',
    domainCode: 'D07',
    status: 'EFFECTIVE',
    ...over,
  });
}

export const subjectToken = (creditCode: string) => tokenFor({ role: 'SUBJECT', creditCode });
export const unitToken = (unitCode = 'GZ-D07', domains = ['D07']) =>
  tokenFor({ role: 'SOURCE_UNIT', unitCode, domains });
export const leadToken = () => tokenFor({ role: 'LEAD_DEPARTMENT' });
export const analystToken = () => tokenFor({ role: 'ANALYST' });
export const operatorToken = () =>
  tokenFor({ role: 'OPERATOR', operatorId: 'window-520100-01', channel: 'SERVICE_WINDOW' });

export const FIELDS = `id number type status recordId creditCode unitCode domainCode reason filedAt acceptDueDate reviewDueDate dueDate overdue
  refusalReason explanation decidedAt closedAt masked pendingEffects
  correction { action reason changes { field value } applied appliedAt recordVersion }
  evidence { name contentType size sha256 }
  timeline { seq action fromStatus toStatus actor role note }`;

export const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { ${FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!, $note: String) { acceptObjection(id: $id, note: $note) { ${FIELDS} } }`;
export const REFUSE = `mutation($id: ID!, $reason: String!) { refuseObjection(id: $id, reason: $reason) { ${FIELDS} } }`;
export const REASSIGN = `mutation($id: ID!, $unit: String!) { reassignObjection(id: $id, unitCode: $unit) { ${FIELDS} } }`;
export const START = `mutation($id: ID!) { startObjectionReview(id: $id) { ${FIELDS} } }`;
export const RESOLVE = `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { ${FIELDS} } }`;
export const CLOSE = `mutation($id: ID!) { closeObjection(id: $id) { ${FIELDS} } }`;
export const WITHDRAW = `mutation($id: ID!) { withdrawObjection(id: $id) { ${FIELDS} } }`;
export const GET = `query($id: ID!) { objection(id: $id) { ${FIELDS} } }`;

export const correct = (changes: Record<string, unknown> = { fineAmount: '500.00' }) => ({
  action: 'CORRECT',
  reason: '罚款金额录入错误',
  changes,
});
