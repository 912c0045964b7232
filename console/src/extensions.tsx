/**
 * EXTENSION POINTS waiting on work in flight elsewhere (wired by the lead engineer after merging):
 *
 * 1. Substitution catalogue (entities): the subject portal's "issue a report" form should offer the
 *    catalogue's matter (事项) a report substitutes for. `ReportMatterField` renders the picker and
 *    `matterInput` adds the chosen matter to `IssueReportInput`; both are inert until the API has it.
 *    Wire: add the catalogue query to console/src/graphql/portal.graphql, `pnpm compose`, render a
 *    <select> here and return `{ matterCode }` (or whatever the input field is named) from matterInput.
 *
 * 2. Complaints incl. 应替未替 (objections): the oversight dashboard should chart complaints by kind
 *    and unit. `ComplaintsPanel` renders them; it renders nothing until the API has them.
 *    Wire: add the statistics query to console/src/graphql/dashboard.graphql, `pnpm compose`, and
 *    render a <ChartWithTable> here (each chart with its table, as the other panels).
 */
import type { Session } from './session/session';

export function ReportMatterField(_props: { value: string; onChange: (matter: string) => void }) {
  return null;
}

export function matterInput(_matter: string): Record<string, unknown> {
  return {};
}

export function ComplaintsPanel(_props: { session: Session }) {
  return null;
}
