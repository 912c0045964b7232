import { badUserInput, type CatalogueMatter } from '@credit/shared';
import type { IssueReportInput } from './report.inputs';

/**
 * The domains to cover when a subject issues a report for a matter of the substitution catalogue and
 * names no domains itself: the matter's. Undefined (every active domain) when no matter is named.
 */
export async function proposedDomains(
  input: Pick<IssueReportInput, 'matterCode' | 'scenario'>,
  matters: () => Promise<CatalogueMatter[]>,
): Promise<string[] | undefined> {
  const code = input.matterCode?.trim().toUpperCase();
  if (!code) return undefined;
  const matter = (await matters()).find((m) => m.code === code);
  if (!matter) throw badUserInput('input.matterCode', `no active matter ${code} in the substitution catalogue`);
  if (matter.scenario !== input.scenario)
    throw badUserInput(
      'input.matterCode',
      `matter ${code} belongs to scenario ${matter.scenario}, not ${input.scenario}`,
    );
  return matter.domainCodes;
}
