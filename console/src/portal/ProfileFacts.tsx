import { SUBJECT_KIND, term } from '../api/terms';
import { Notice } from '../components/Status';
import { useProfile } from './useProfile';

/** The subject's register entry (基本信息). */
export function ProfileFacts({ creditCode }: { creditCode: string }) {
  const { data: profile, error } = useProfile(creditCode);
  const s = profile?.subject;
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">基本信息</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {profile && !s && <Notice kind="info">主体未登记</Notice>}
      {profile && s && (
        <dl className="facts">
          <dt>名称</dt>
          <dd>{s.name}</dd>
          <dt>统一社会信用代码</dt>
          <dd>{s.creditCode}</dd>
          <dt>主体类型</dt>
          <dd>{term(SUBJECT_KIND, s.kind)}</dd>
          <dt>法定代表人</dt>
          <dd>{s.legalRepresentative ?? '—'}</dd>
          <dt>所属地区</dt>
          <dd>{profile.regions.find((r) => r.code === s.regionCode)?.nameZh ?? s.regionCode}</dd>
          <dt>登记机关</dt>
          <dd>{s.registrationAuthority ?? '—'}</dd>
          <dt>成立日期</dt>
          <dd>{s.establishedOn ?? '—'}</dd>
        </dl>
      )}
    </section>
  );
}
