import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROLES } from '../auth/principal';
import { ErrorCode } from '../errors/errors';
import { accessActionZh, TERM_TABLES, term } from './terms';

/**
 * The term table answers for every code a person can be shown: each value of the API's enums,
 * each timeline step and each access-log action the subgraphs write. A code added without its
 * Chinese fails here, before a page, a file or the console shows it raw.
 */
const ROOT = resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

function graphqlEnum(sdl: string, name: string): string[] {
  const body = new RegExp(`enum ${name}\\s*(?:@[^{]*)?\\{([^}]*)\\}`).exec(sdl)?.[1];
  if (!body) throw new Error(`enum ${name} is not in the supergraph`);
  return body
    .replace(/"""[\s\S]*?"""|"[^"\n]*"/g, '')
    .split('\n')
    .map((l) => l.trim().split(/\s/)[0])
    .filter((v) => /^[A-Z][A-Z0-9_]*$/.test(v));
}

function tsEnum(file: string, name: string): string[] {
  const body = new RegExp(`export enum ${name} \\{([^}]*)\\}`).exec(read(file))?.[1];
  if (!body) throw new Error(`enum ${name} is not in ${file}`);
  return [...body.matchAll(/=\s*'([A-Z_]+)'/g)].map((m) => m[1]);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return f === 'dist' || f === 'node_modules' ? [] : sources(path);
    return f.endsWith('.ts') && !f.endsWith('.test.ts') ? [path] : [];
  });
}

const sdl = read('gateway/supergraph.graphql');
const T = TERM_TABLES;

/** GraphQL enum -> the table people read it by. */
const SHOWN: [string, Readonly<Record<string, string>>][] = [
  ['ReportScenario', T.SCENARIO_ZH],
  ['ReportScenario', T.SCENARIO_SHORT_ZH],
  ['ReportChannel', T.CHANNEL_ZH],
  ['SubjectKind', T.SUBJECT_KIND_ZH],
  ['SubjectStatus', T.SUBJECT_STATUS_ZH],
  ['RecordCategory', T.RECORD_CATEGORY_ZH],
  ['RecordStatus', T.RECORD_STATUS_ZH],
  ['RecordSubjectType', T.RECORD_SUBJECT_TYPE_ZH],
  ['LicenceAction', T.LICENCE_ACTION_ZH],
  ['RecordChangeKind', T.RECORD_CHANGE_ZH],
  ['RecordVerdict', T.VERDICT_ZH],
  ['RecordRowReason', T.REJECT_REASON_ZH],
  ['ObjectionStatus', T.OBJECTION_STATUS_ZH],
  ['ObjectionType', T.OBJECTION_TYPE_ZH],
  ['FeedbackKind', T.FEEDBACK_KIND_ZH],
  ['FeedbackStatus', T.FEEDBACK_STATUS_ZH],
  ['ReportStatus', T.REPORT_STATUS_ZH],
  ['DomainOutcome', T.DOMAIN_OUTCOME_ZH],
  ['CommitmentStatus', T.COMMITMENT_STATUS_ZH],
  ['VerificationWarningCode', T.VERIFICATION_WARNING_ZH],
  ['AssessmentWarningCode', T.ASSESSMENT_WARNING_ZH],
];

describe('the term table', () => {
  it.each(SHOWN.map(([e, table], i) => [`${e} (${i})`, e, table] as const))(
    'labels every value of %s',
    (_label, name, table) => {
      const missing = graphqlEnum(sdl, name).filter((v) => !table[v]);
      expect(missing).toEqual([]);
    },
  );

  it('labels every timeline step and every role that takes one', () => {
    const objectionSteps = [
      ...tsEnum('subgraphs/objections/src/workflow/objectionStateMachine.ts', 'ObjectionAction'),
      'CORRECTION_APPLIED',
    ];
    expect(objectionSteps.filter((a) => !T.OBJECTION_ACTION_ZH[a])).toEqual([]);
    const feedbackSteps = tsEnum('subgraphs/objections/src/feedback/feedbackStateMachine.ts', 'FeedbackAction');
    expect(feedbackSteps.filter((a) => !T.FEEDBACK_ACTION_ZH[a])).toEqual([]);
    const roles = [...ROLES, 'SYSTEM', 'ANONYMOUS'];
    expect(roles.filter((r) => !T.ROLE_ZH[r])).toEqual([]);
  });

  it('words every access-log action the subgraphs write, including the composed ones', () => {
    const code = sources(join(ROOT, 'subgraphs')).map((f) => readFileSync(f, 'utf8'));
    const literal = code.flatMap((c) => [
      ...[...c.matchAll(/action: '([a-z]+\.[a-zA-Z.]+)'/g)].map((m) => m[1]),
      ...[...c.matchAll(/'((?:objection|feedback|record|sourceUnit)\.[a-zA-Z]+)'/g)].map((m) => m[1]),
    ]);
    const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
    const composed = [
      ...lower(tsEnum('subgraphs/objections/src/workflow/objectionStateMachine.ts', 'ObjectionAction')).map(
        (a) => `objection.${a}`,
      ),
      ...lower(tsEnum('subgraphs/objections/src/feedback/feedbackStateMachine.ts', 'FeedbackAction')).map(
        (a) => `feedback.${a}`,
      ),
      ...['define', 'change', 'activate', 'deactivate'].map((k) => `substitution.${k}`),
    ];
    expect(literal.length).toBeGreaterThan(20);
    const unworded = [...new Set([...literal, ...composed])].filter((a) => /其他操作|相关操作/.test(accessActionZh(a)));
    expect(unworded).toEqual([]);
    expect(accessActionZh('objection.uphold')).toBe('认定成立异议');
    expect(accessActionZh('feedback.list')).toBe('查询咨询投诉');
  });

  it('says every label in Chinese and never falls back to the code', () => {
    for (const [name, table] of Object.entries(T)) {
      for (const [code, label] of Object.entries(table)) {
        expect({ name, code, label }).toEqual({ name, code, label: expect.stringMatching(/^[^A-Za-z]*$/) });
      }
    }
    expect(term(T.OBJECTION_STATUS_ZH, 'NO_SUCH_STATE')).toBe('未知');
    expect(term(T.OBJECTION_STATUS_ZH, null)).toBe('—');
    expect(accessActionZh('nothing.known')).toBe('其他操作');
  });
});

describe('refusals', () => {
  it('every error code has its Chinese meaning for the console', () => {
    const missing = Object.values(ErrorCode).filter((code) => !T.ERROR_CODE_ZH[code]);
    expect(missing).toEqual([]);
  });
});
