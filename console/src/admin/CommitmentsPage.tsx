import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import { Notice } from '../components/Status';
import {
  AdminCommitmentsDocument,
  type AdminCommitmentsQuery,
  type CommitmentStatus,
} from '../graphql/generated/operations';
import { navigate, withSearch, type Place } from '../router/router';
import { CommitmentItem } from './CommitmentItem';

/** /admin/commitments: subjects' credit commitments, newest first; ?status=BREACHED for the standing breaches. */
export function CommitmentsPage({ place }: { place: Place }) {
  const status = place.search.get('status') === 'BREACHED' ? 'BREACHED' : '';
  const [data, setData] = useState<AdminCommitmentsQuery>();
  const [error, setError] = useState<string>();
  // The last act's outcome stays in view though its commitment may leave the filtered list.
  const [done, setDone] = useState<string>();
  const load = useCallback(() => {
    setError(undefined);
    call(AdminCommitmentsDocument, { status: (status || null) as CommitmentStatus | null }).then(setData, (e) =>
      setError(describeError(e)),
    );
  }, [status]);
  useEffect(load, [load]);
  const domainName = (code: string) => data?.domains.find((d) => d.code === code)?.nameZh ?? code;
  return (
    <div className="page admin">
      <h1>信用承诺</h1>
      <p className="muted">
        主体对报告尚未覆盖的领域作出的信用承诺。认定为虚假承诺后，该主体不能再以专项信用报告代替证明，已出具的报告核验时也会提示。
      </p>
      <div className="filters">
        <div>
          <label htmlFor="commitment-status">显示</label>
          <select
            id="commitment-status"
            value={status}
            onChange={(e) => navigate(withSearch(place, { status: e.target.value || undefined }), { replace: true })}
          >
            <option value="">最近的承诺</option>
            <option value="BREACHED">虚假承诺（认定有效的）</option>
          </select>
        </div>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="ok">{done}</Notice>}
      {!data && !error && <Notice kind="info">正在读取信用承诺…</Notice>}
      {data && (
        <section className="card" aria-labelledby="commitment-list">
          <h2 id="commitment-list">
            {status ? '虚假承诺' : '最近的承诺'}（{data.commitments.length} 项）
          </h2>
          {data.commitments.length === 0 && <p className="muted">没有符合条件的承诺。</p>}
          <ul className="commitments">
            {data.commitments.map((c) => (
              <CommitmentItem
                key={c.id}
                commitment={c}
                domainName={domainName}
                onDone={(message) => {
                  setDone(message);
                  load();
                }}
              />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
