import { CATALOGUE_FIELD, fmtTime, term } from '../api/terms';
import { HistoryList } from '../components/HistoryList';
import type { AdminGuidesQuery } from '../graphql/generated/operations';
import { actorZh } from './actorZh';

type Entry = AdminGuidesQuery['history']['entries'][number];

/** `SERVICE_WINDOW v3 steps,title` (the guide's audit target) -> channel, version and fields changed. */
export const parseGuideTarget = (target: string | null | undefined) => {
  const [channel = '', version = '', fields = ''] = (target ?? '').split(' ');
  return { channel, version: version.replace(/^v/, ''), fields: fields ? fields.split(',') : [] };
};

/**
 * A guide's versions. Guides keep only the current text and its number; each update is an audit entry
 * naming the version and the fields it changed, which is the history shown.
 */
export function GuideHistory({ entries, channel }: { entries: Entry[]; channel: string }) {
  const own = entries.filter((e) => parseGuideTarget(e.target).channel === channel);
  return (
    <HistoryList
      testId="guide-history"
      empty="自上线以来未修改。"
      items={own.map((e, i) => {
        const t = parseGuideTarget(e.target);
        return {
          key: `${e.at}-${i}`,
          at: fmtTime(e.at),
          title: `更新为第 ${t.version} 版`,
          who: actorZh(e.actor),
          detail: t.fields.length ? `修改项目：${t.fields.map((f) => term(CATALOGUE_FIELD, f)).join('、')}` : undefined,
        };
      })}
    />
  );
}
