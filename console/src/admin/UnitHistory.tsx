import { accessActionZh, CATALOGUE_FIELD, fmtTime, term } from '../api/terms';
import { HistoryList } from '../components/HistoryList';
import { Notice } from '../components/Status';
import type { AdminUnitHistoryQuery } from '../graphql/generated/operations';
import { actorZh } from './actorZh';

type Entry = AdminUnitHistoryQuery['registered']['entries'][number];

/** `GZ-D07 domainCodes,name` (the register's audit target) -> the unit and the fields changed. */
const parseTarget = (target: string | null | undefined) => {
  const [code = '', fields = ''] = (target ?? '').split(' ');
  return { code, fields: fields ? fields.split(',') : [] };
};

/**
 * The register's history. It keeps no revisions of its own: every registration, change and
 * (de)activation is an audit entry written with the act, so the trail is the history.
 */
export function UnitHistory({ data, unitCode }: { data: AdminUnitHistoryQuery; unitCode: string }) {
  const parts = [data.registered, data.changed, data.activated, data.deactivated];
  const unavailable = [...new Set(parts.flatMap((p) => p.unavailable))];
  const entries: Entry[] = parts
    .flatMap((p) => p.entries)
    .filter((e) => !unitCode || parseTarget(e.target).code === unitCode)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <>
      {unavailable.length > 0 && <Notice kind="error">部分审计日志暂时无法读取，历史可能不完整。</Notice>}
      <HistoryList
        testId="unit-history"
        items={entries.map((e, i) => {
          const t = parseTarget(e.target);
          return {
            key: `${e.at}-${e.requestId}-${i}`,
            at: fmtTime(e.at),
            title: `${accessActionZh(e.action)} ${t.code}`,
            who: actorZh(e.actor),
            detail: t.fields.length
              ? `变更项目：${t.fields.map((f) => term(CATALOGUE_FIELD, f)).join('、')}`
              : undefined,
          };
        })}
      />
    </>
  );
}
