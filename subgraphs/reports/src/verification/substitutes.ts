import type { CatalogueMatter, Logger } from '@credit/shared';
import { Field, ObjectType } from 'type-graphql';
import { escapeHtml } from '../http/verifyPage';
import type { ReportVerification } from './verification.type';

@ObjectType({ description: 'A matter of the substitution catalogue for which this report replaces certificates' })
export class SubstitutedMatter {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Type of office that accepts the report, e.g. 公共资源交易中心' })
  acceptingOfficeType: string;

  @Field(() => [String], { description: 'Domains of the matter the report covers: their certificates are replaced' })
  replacedDomains: string[];

  @Field(() => [String], { description: 'Domains the matter needs that this report does not cover' })
  missingDomains: string[];

  @Field({ description: 'The report covers every domain the matter needs' })
  complete: boolean;
}

/** Where verification reads the catalogue: entities, through the shared catalogue cache. */
export type MatterSource = (requestId?: string) => Promise<CatalogueMatter[]>;

/**
 * What this report replaces (应替尽替): the matters of the report's scenario that need a certificate of
 * at least one of its domains. A report that is not authentic, revoked, or whose subject's commitment
 * was found false (a warning then) replaces nothing.
 */
export function substitutesFor(
  v: Pick<ReportVerification, 'authentic' | 'status' | 'scenario' | 'domains' | 'warnings'>,
  matters: CatalogueMatter[],
): SubstitutedMatter[] {
  if (!v.authentic || v.status !== 'ISSUED') return [];
  if (v.warnings.some((w) => w.code === 'COMMITMENT_BREACHED_AFTER_ISSUANCE')) return [];
  const covered = new Set(v.domains.map((d) => d.code));
  return matters
    .filter((m) => m.scenario === v.scenario)
    .map((m) =>
      Object.assign(new SubstitutedMatter(), {
        code: m.code,
        name: m.name,
        acceptingOfficeType: m.acceptingOfficeType,
        replacedDomains: m.domainCodes.filter((d) => covered.has(d)),
        missingDomains: m.domainCodes.filter((d) => !covered.has(d)),
        complete: m.domainCodes.every((d) => covered.has(d)),
      }),
    )
    .filter((s) => s.replacedDomains.length > 0)
    .sort((a, b) => Number(b.complete) - Number(a.complete) || a.code.localeCompare(b.code));
}

/** The same list for a verification; null when the catalogue cannot be read (the verdict stands without it). */
export async function readSubstitutes(
  v: ReportVerification,
  source: MatterSource,
  log: Pick<Logger, 'warn'>,
  requestId?: string,
): Promise<SubstitutedMatter[] | null> {
  try {
    return substitutesFor(v, await source(requestId));
  } catch (err) {
    log.warn({ err, number: v.number }, 'substitution catalogue unavailable during verification');
    return null;
  }
}

/** The page's "本报告可替代：…" section. */
export function substitutesHtml(v: ReportVerification, list: SubstitutedMatter[] | null): string {
  if (list === null) return '<p class="warn">暂时无法读取“信用代证”事项清单，请稍后再次核验。</p>';
  if (list.length === 0) return '';
  const names = new Map(v.domains.map((d) => [d.code, d.nameZh]));
  const domainNames = (codes: string[]) => codes.map((c) => escapeHtml(names.get(c) ?? c)).join('、');
  const items = list.map(
    (s) =>
      `<li><strong>${escapeHtml(s.name)}</strong>（${escapeHtml(s.acceptingOfficeType)}）：${domainNames(s.replacedDomains)}领域无违法违规记录证明${
        s.complete ? '' : `；该事项另需 ${escapeHtml(s.missingDomains.join('、'))} 领域，本报告未覆盖`
      }</li>`,
  );
  return `<h2 style="font-size:1.05em">本报告可替代：</h2><ul>${items.join('')}</ul>`;
}
