import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gql, tokenFor } from '@credit/shared/test';
import { claimsFromFlags, parseFlags } from '../../scripts/src/tokenClaims';
import type { ObjectionsApp } from '@credit/objections';
import { entities, objections, records, reports, startPlatform, type Platform } from '../platform';

// README.md as a tested document: every ```graphql block runs as pasted, in order, on the demo data,
// with the token and variables its `<!-- example … -->` comment names (README, "Maintaining the examples").
interface Example {
  id: string;
  line: number;
  token: string;
  variables: { name: string; from: string; path: string[] }[];
  query: string;
}

const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const COMMENT = /^<!-- example ([0-9a-z]+): (.+?) -->$/;

function readExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const comment = COMMENT.exec(lines[i].trim());
    const fence = lines[i].trim().startsWith('```graphql');
    if (lines[i].trim().startsWith('<!-- example') && !comment)
      throw new Error(`README.md:${i + 1}: malformed example comment`);
    if (comment && !lines[i + 1]?.trim().startsWith('```graphql'))
      throw new Error(`README.md:${i + 1}: example ${comment[1]} is not followed by a graphql block`);
    if (!fence) continue;
    const above = COMMENT.exec(lines[i - 1]?.trim() ?? '');
    if (!above) throw new Error(`README.md:${i + 1}: graphql block without an <!-- example … --> comment above it`);
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    const [token, ...bindings] = above[2].split(';').map((s) => s.trim());
    out.push({
      id: above[1],
      line: i + 1,
      token,
      variables: bindings.map((b) => {
        const m = /^(\w+) = ([0-9a-z]+) ([\w.]+)$/.exec(b);
        if (!m) throw new Error(`README.md:${i}: variable binding "${b}" is not "<name> = <example id> <path>"`);
        return { name: m[1], from: m[2], path: m[3].split('.') };
      }),
      query: lines.slice(i + 1, end).join('\n'),
    });
    i = end;
  }
  return out;
}

type Data = Record<string, any>;
// What particular examples must show beyond "no errors", by example id.
const CHECKS: Record<string, (d: Data) => void> = {
  '21a': (d) => expect(d.verifyReport).toMatchObject({ authentic: true, current: true, changes: null }),
  '21b': (d) =>
    expect(d.verifyReports).toEqual([
      expect.objectContaining({ error: null, verification: { authentic: true, current: true } }),
      expect.objectContaining({ error: { code: 'NOT_FOUND' }, verification: null }),
    ]),
  '1': (d) => {
    expect(d.subject).toMatchObject({ name: '贵阳乌江医药有限公司', masked: false });
    expect(d.domains).toHaveLength(43);
  },
  '2': (d) => {
    expect(d.subjects.edges.length).toBeGreaterThan(0);
    for (const e of d.subjects.edges) expect(e.node.creditCode).toMatch(/^\w{8}/);
  },
  '3': (d) => {
    expect(d.upsertSubjects.rejected).toBe(1);
    expect(d.upsertSubjects.results[1]).toMatchObject({ index: 1, verdict: 'REJECTED' });
    expect(d.upsertSubjects.results[1].reasons[0].field).toBe('creditCode');
    expect(d.upsertSubjects.created + d.upsertSubjects.updated + d.upsertSubjects.unchanged).toBe(1);
  },
  '4': (d) => {
    expect(d.subject.recordSummary.records).toBeGreaterThan(0);
    expect(d.subject.records.edges[0].node.id).toEqual(expect.any(String));
    // The same period and no filter: the history's total is the summary's.
    expect(d.subject.records.totalCount).toBe(d.subject.recordSummary.records);
  },
  '5': (d) => {
    expect(d.submitRecords).toMatchObject({ created: 1, rejected: 0, excluded: 0 });
    expect(d.submitRecords.results[0]).toMatchObject({ verdict: 'CREATED', reasons: [] });
  },
  '6a': (d) => {
    expect(d.issueReport.number).toMatch(/^GZ/);
    expect(d.issueReport.verifyUrl).toBe(
      `http://localhost:${GATEWAY_PORT}/verify?number=${d.issueReport.number}&code=${d.issueReport.verificationCode}`,
    );
    expect(d.issueReport.pdfUrl).toBe(`http://localhost:${GATEWAY_PORT}/reports/${d.issueReport.number}.pdf`);
  },
  '6b': (d) => {
    expect(d.verifyReport).toMatchObject({ authentic: true, subjectName: '贵阳乌江医药有限公司' });
    expect(d.verifyReport.domains.map((x: { code: string }) => x.code).sort()).toEqual(['D07', 'D14']);
  },
  '20a': (d) => {
    const doc = JSON.parse(d.issueReport.document);
    expect(doc.signatures.map((x: { algorithm: string }) => x.algorithm)).toEqual(['Ed25519', 'SM2']);
    expect(JSON.parse(d.issueReport.verifiableCredential).proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
  },
  '20b': (d) => {
    expect(d.verifyReport.authentic).toBe(true);
    expect(d.verifyReport.signatures.map((x: { algorithm: string; valid: boolean }) => [x.algorithm, x.valid])).toEqual(
      [
        ['Ed25519', true],
        ['SM2', true],
      ],
    );
  },
  '7': (d) => {
    expect(d.fileObjection.number).toEqual(expect.any(String));
    expect(d.fileObjection.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  },
  '8': (d) => {
    expect(d.registerSourceUnit).toEqual({
      code: 'GZ-520100-D20',
      name: '贵阳市教育局',
      creditCode: '11520100119000075N',
      regionCode: '520100',
      domainCodes: ['D20'],
      active: true,
    });
  },
  // Substitution catalogue, national feed and service guides (ids 30-39).
  '30': (d) => {
    // The demo catalogue: dozens of matters across the five scenarios; here the bidding ones.
    expect(d.substitutionMatters.length).toBeGreaterThanOrEqual(8);
    expect(d.substitutionMatters.map((m: { code: string }) => m.code)).toContain('BID-CONSTRUCTION');
    expect(d.substitutionMatters[0].domains.length).toBe(d.substitutionMatters[0].domainCodes.length);
  },
  '31': (d) => {
    expect(d.changeSubstitutionMatter).toMatchObject({ code: 'BID-GOV-PROCUREMENT', version: 2 });
    const [latest, first] = d.changeSubstitutionMatter.history;
    expect(latest).toMatchObject({ version: 2, kind: 'CHANGE', reason: '增加应急管理领域' });
    expect(latest.changes).toEqual([
      {
        field: 'domainCodes',
        from: '["D02","D07","D08","D14","D26","D28"]',
        to: '["D02","D07","D08","D11","D14","D26","D28"]',
      },
    ]);
    expect(first).toMatchObject({ version: 1, kind: 'DEFINE', actor: 'seed:demo' });
  },
  '32': (d) => {
    expect(d.issueReport.domains.map((x: { code: string }) => x.code)).toEqual([
      'D02',
      'D04',
      'D07',
      'D11',
      'D14',
      'D26',
    ]);
  },
  '33': (d) => {
    const subs = d.verifyReport.substitutes;
    expect(subs.find((x: { code: string }) => x.code === 'BID-CONSTRUCTION')).toMatchObject({
      complete: true,
      missingDomains: [],
    });
    expect(subs.find((x: { code: string }) => x.code === 'BID-GOV-PROCUREMENT')).toMatchObject({
      complete: false,
      missingDomains: ['D08', 'D28'],
    });
    expect(subs.every((x: { code: string }) => x.code.startsWith('BID-'))).toBe(true);
  },
  '34': (d) => {
    const nodes = d.nationalSubjectFeed.edges.map((e: { node: Record<string, string> }) => e.node);
    expect(nodes.length).toBe(6);
    for (const n of nodes) expect(n.registrationRegionCode).not.toMatch(/^52/);
    expect(nodes.find((n: { creditCode: string }) => n.creditCode === '915101047700010187')).toMatchObject({
      legalRepresentative: '王*刚',
      guizhouRegionCode: '520100',
    });
  },
  '35': (d) => {
    expect(d.issueReport.channel).toBe('SERVICE_WINDOW');
    expect(d.issueReport.windowAuthorization).toEqual({
      basis: 'AUTHORISED_AGENT',
      idDocumentNumber: '5201**********123X',
    });
    expect(d.issueReport.verificationCode).toEqual(expect.any(String));
    expect(d.issueReport.domains.map((x: { code: string }) => x.code)).toEqual(['D02', 'D06', 'D07', 'D11', 'D14']);
  },
  '36': (d) => {
    expect(d.serviceGuides).toHaveLength(5);
    expect(d.serviceGuides[3]).toMatchObject({ channel: 'SERVICE_WINDOW', pagePath: '/guides/service-window' });
  },
  '37': (d) => {
    expect(d.updateServiceGuide).toMatchObject({ channel: 'SELF_SERVICE_TERMINAL', version: 2 });
  },
  '40': (d) => {
    expect(d.fileFeedback.feedback).toMatchObject({ status: 'SUBMITTED', number: expect.stringMatching(/^GZTS-/) });
  },
  '41': (d) => {
    expect(d.forwardFeedback).toMatchObject({ status: 'FORWARDED', unitCode: 'GZ-520100-D07', regionCode: '520100' });
    expect(d.forwardFeedback.timeline.map((e: { action: string }) => e.action)).toEqual(['FILE', 'FORWARD']);
  },
  '42': (d) => {
    // The demo seed holds a service complaint filed 20 days ago and never answered.
    expect(d.overdueFeedback.length).toBeGreaterThan(0);
    expect(d.overdueFeedback.find((f: { contact: unknown }) => f.contact)?.contact).toMatchObject({ masked: false });
  },
  '43': (d) => {
    expect(d.fileFeedback.accessCode).toMatch(/^[A-Z2-9]{12}$/);
    expect(d.fileFeedback.feedback.contact).toEqual({ phone: '139****2345', masked: true });
  },
  '44': (d) => {
    expect(d.feedbackCase).toMatchObject({ status: 'SUBMITTED', answer: null });
  },
  '45': (d) => {
    expect(d.assessment.quarter).toBe('2026Q4');
    expect(d.assessment.units.length).toBeGreaterThan(50);
    expect(d.assessment.units[0].rank).toBe(1);
    // The demo seed's 应替未替 complaints count in the quarter they were filed in.
    expect(d.assessment.complaintsByKind.map((c: { key: string }) => c.key).sort()).toEqual([
      'CERTIFICATE_STILL_DEMANDED',
      'CONSULTATION',
      'SERVICE_COMPLAINT',
    ]);
  },
};

const examples = readExamples(README);

let p: Platform;
const GATEWAY_PORT = '4180';
beforeAll(async () => {
  // GATEWAY_PORT without PUBLIC_BASE_URL: report links must follow the port (checked in example 6a).
  p = await startPlatform([entities, records, reports, objections], { SEED_DEMO: 'true', GATEWAY_PORT: GATEWAY_PORT });
  // Example 42 reads the demo complaints, seeded in the background once the platform is up.
  await (p.subgraphs.objections.app as ObjectionsApp).seeded;
});
afterAll(() => p?.stop());

function at(data: unknown, path: string[]): unknown {
  return path.reduce<any>((v, k) => (v == null ? undefined : v[/^\d+$/.test(k) ? Number(k) : k]), data);
}

describe('README.md', () => {
  it('has its examples in order, each with its comment, and a check for each', () => {
    // Ids by capability: 1-8 the core, 20s signatures and what verification tells, 30s substitution, 40s feedback and assessment.
    expect(examples.map((e) => e.id)).toEqual(
      ['1', '2', '3', '4', '5', '6a', '6b', '7', '8'].concat(
        ['30', '31', '32', '33', '34', '35', '36', '37'],
        ['40', '41', '42', '43', '44', '45'],
        ['20a', '20b', '21a', '21b'],
      ),
    );
    expect(Object.keys(CHECKS).sort()).toEqual(examples.map((e) => e.id).sort());
  });

  it('runs every graphql example as pasted, with the tokens and variables its comment names', async () => {
    const answers: Record<string, Data> = {};
    for (const ex of examples) {
      const where = `example ${ex.id} (README.md:${ex.line})`;
      const token =
        ex.token === 'anonymous'
          ? undefined
          : await tokenFor(claimsFromFlags(parseFlags(ex.token.split(/\s+/))).claims);
      const variables: Record<string, unknown> = {};
      for (const v of ex.variables) {
        if (!answers[v.from]) throw new Error(`${where}: ${v.name} comes from example ${v.from}, which has not run`);
        variables[v.name] = at(answers[v.from], v.path);
        expect({ where, [v.name]: variables[v.name] }).toEqual({ where, [v.name]: expect.anything() });
      }
      const r = await gql(p.gatewayUrl, ex.query, variables, token);
      expect({ where, errors: r.errors }).toEqual({ where, errors: undefined });
      answers[ex.id] = r.data!;
      try {
        CHECKS[ex.id](r.data!);
      } catch (err) {
        if (err instanceof Error) err.message = `${where}: ${err.message}`;
        throw err;
      }
    }
    // The verification page of example 6 answers JSON for a report user's system.
    const { number, verificationCode } = answers['6a'].issueReport;
    const origin = p.gatewayUrl.replace(/\/graphql$/, '');
    const page = await fetch(`${origin}/verify?number=${encodeURIComponent(number)}&code=${verificationCode}`, {
      headers: { accept: 'application/json' },
    });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ authentic: true });
  });

  it('mints the token of the commands table with the flags it shows', () => {
    const line = /`pnpm -s token (--role [^`]+)`/.exec(README);
    expect(line).not.toBeNull();
    expect(claimsFromFlags(parseFlags(line![1].split(/\s+/))).claims).toEqual({
      role: 'SUBJECT',
      creditCode: '91520100210000754L',
    });
  });
});
