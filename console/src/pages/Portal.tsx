import { useCallback, useEffect, useState } from 'react';
import { call, describeError } from '../api/client';
import {
  accessActionZh,
  CATEGORY,
  CHANNEL,
  fmtDay,
  fmtTime,
  isoDate,
  OBJECTION_ACTION,
  OBJECTION_STATUS,
  OBJECTION_TYPE,
  RECORD_CHANGE,
  RECORD_FIELD,
  RECORD_STATUS,
  REPORT_STATUS,
  ROLE,
  SCENARIO,
  SUBJECT_KIND,
  term,
  yearsAgo,
} from '../api/terms';
import { DueDate } from '../components/DueDate';
import { Notice } from '../components/Status';
import { MatterField, matterInput } from '../substitution/MatterField';
import { PortalFeedback } from '../complaints/PortalFeedback';
import {
  PortalAccessLogDocument,
  PortalAuthorizeDocument,
  PortalFileObjectionDocument,
  PortalHistoryDocument,
  PortalIssueReportDocument,
  PortalObjectionsDocument,
  PortalProfileDocument,
  PortalReissueReportDocument,
  PortalReportsDocument,
  type PortalAccessLogQuery,
  type PortalHistoryQuery,
  type PortalObjectionsQuery,
  type PortalProfileQuery,
  type PortalReportsQuery,
  type RecordCategory,
  type ReportChannel,
  type ReportScenario,
} from '../graphql/generated/operations';
import type { Session } from '../session/session';

type Profile = PortalProfileQuery;
type Record_ = NonNullable<PortalHistoryQuery['subject']>['records']['edges'][number]['node'];

/** The subject portal: profile, five-year history, reports, objections and who looked. */
export function Portal({ session }: { session: Session }) {
  const creditCode = session.creditCode!;
  const [profile, setProfile] = useState<Profile>();
  const [error, setError] = useState<string>();
  const [objectionTarget, setObjectionTarget] = useState<Record_>();
  const [objectionsVersion, setObjectionsVersion] = useState(0);
  useEffect(() => {
    call(PortalProfileDocument, { creditCode }).then(setProfile, (e) => setError(describeError(e)));
  }, [creditCode]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!profile) return <Notice kind="info">正在读取…</Notice>;
  const domainName = (code: string) => profile.domains.find((d) => d.code === code)?.nameZh ?? code;
  const s = profile.subject;
  return (
    <div className="page">
      <h1>信用主体服务</h1>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">基本信息</h2>
        {s ? (
          <dl className="facts">
            <dt>名称</dt>
            <dd data-testid="subject-name">{s.name}</dd>
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
        ) : (
          <Notice kind="info">主体未登记</Notice>
        )}
      </section>
      <History creditCode={creditCode} profile={profile} domainName={domainName} onObject={setObjectionTarget} />
      {objectionTarget && (
        <FileObjection
          record={objectionTarget}
          domainName={domainName}
          onDone={() => {
            setObjectionTarget(undefined);
            setObjectionsVersion((v) => v + 1);
          }}
        />
      )}
      <Reports creditCode={creditCode} profile={profile} />
      <Objections creditCode={creditCode} version={objectionsVersion} />
      <PortalFeedback />
      <AccessLog creditCode={creditCode} />
    </div>
  );
}

function History(props: {
  creditCode: string;
  profile: Profile;
  domainName: (c: string) => string;
  onObject: (r: Record_) => void;
}) {
  const [from, setFrom] = useState(yearsAgo(5));
  const [to, setTo] = useState(isoDate());
  const [domain, setDomain] = useState('');
  const [category, setCategory] = useState('');
  const [data, setData] = useState<PortalHistoryQuery>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    setError(undefined);
    call(PortalHistoryDocument, {
      creditCode: props.creditCode,
      from,
      to,
      domains: domain ? [domain] : null,
      categories: category ? [category as RecordCategory] : null,
      first: 50,
    }).then(setData, (e) => setError(describeError(e)));
  }, [props.creditCode, from, to, domain, category]);
  useEffect(load, [load]);
  const summary = data?.subject?.recordSummary;
  const records = data?.subject?.records.edges.map((e) => e.node) ?? [];
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">近五年信用记录</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="h-from">起始日期</label>
          <input id="h-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="h-to">截止日期</label>
          <input id="h-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div>
          <label htmlFor="h-domain">领域</label>
          <select id="h-domain" value={domain} onChange={(e) => setDomain(e.target.value)}>
            <option value="">全部领域</option>
            {props.profile.domains.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} {d.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="h-category">信息类别</label>
          <select id="h-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">全部类别</option>
            {Object.entries(CATEGORY).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {summary && (
        <>
          <p data-testid="history-summary">
            {summary.from} 至 {summary.to}：共 <strong>{summary.records}</strong> 条记录，其中已修复 {summary.repaired}{' '}
            条； 涉及 {summary.domains.filter((d) => d.records > 0).length} 个领域。
          </p>
          <div className="table-wrap">
            <table>
              <caption>分领域汇总</caption>
              <thead>
                <tr>
                  <th scope="col">领域</th>
                  <th scope="col">记录</th>
                  <th scope="col">已修复</th>
                </tr>
              </thead>
              <tbody>
                {summary.domains
                  .filter((d) => d.records > 0)
                  .map((d) => (
                    <tr key={d.domainCode}>
                      <th scope="row">{props.domainName(d.domainCode)}</th>
                      <td>{d.records}</td>
                      <td>{d.repaired}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ul className="records" aria-label="记录列表">
        {records.map((r) => (
          <li key={r.id} className="record" data-testid="record">
            <div className="record-head">
              <strong>{r.decisionNumber}</strong>
              {r.repaired && <span className="tag tag-ok">已修复</span>}
              {r.underObjection && <span className="tag tag-warn">异议处理中</span>}
            </div>
            <div className="muted">
              {r.decisionDate} · {props.domainName(r.domainCode)} · {term(CATEGORY, r.category)} · {r.decidingAuthority}
            </div>
            <div>
              {r.violationType ? `${r.violationType}：` : ''}
              {r.penaltyContent ?? ''}
            </div>
            {r.repaired && r.repairedAt && <div className="muted">修复日期 {r.repairedAt}</div>}
            <button type="button" className="secondary" onClick={() => props.onObject(r)} disabled={r.underObjection}>
              对此记录提出异议
            </button>
          </li>
        ))}
      </ul>
      {records.length === 0 && data && <Notice kind="ok">所选期间与范围内无违法违规记录。</Notice>}
    </section>
  );
}

function FileObjection(props: { record: Record_; domainName: (c: string) => string; onDone: () => void }) {
  const [type, setType] = useState('RECORD_ERROR');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    try {
      await call(PortalFileObjectionDocument, {
        input: { recordId: props.record.id, type: type as never, reason },
      });
      props.onDone();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="object-title">
      <h2 id="object-title">提出异议：{props.record.decisionNumber}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="o-type">异议类型</label>
        <select id="o-type" value={type} onChange={(e) => setType(e.target.value)}>
          {Object.entries(OBJECTION_TYPE).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label htmlFor="o-reason">异议理由</label>
        <textarea id="o-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required />
        <button type="submit">提交异议</button>
        <button type="button" className="secondary" onClick={props.onDone}>
          取消
        </button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}

function Reports({ creditCode, profile }: { creditCode: string; profile: Profile }) {
  const active = profile.domains.filter((d) => d.active);
  const [scenario, setScenario] = useState('BIDDING_PROCUREMENT');
  const [domains, setDomains] = useState<string[]>([]);
  const [from, setFrom] = useState(yearsAgo(3));
  const [to, setTo] = useState(isoDate());
  const [matter, setMatter] = useState('');
  const [issued, setIssued] = useState<string>();
  const [error, setError] = useState<string>();
  const [reports, setReports] = useState<PortalReportsQuery>();
  const reload = useCallback(() => {
    call(PortalReportsDocument, { creditCode }).then(setReports, (e) => setError(describeError(e)));
  }, [creditCode]);
  useEffect(reload, [reload]);
  const issue = async () => {
    setError(undefined);
    try {
      const r = await call(PortalIssueReportDocument, {
        input: {
          creditCode,
          scenario: scenario as ReportScenario,
          channel: 'WEBSITE' as ReportChannel,
          domains: domains.length ? domains : null,
          periodFrom: from,
          periodTo: to,
          ...matterInput(matter),
        },
      });
      setIssued(r.issueReport.number);
      reload();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="reports-title">
      <h2 id="reports-title">专项信用报告</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <div>
          <label htmlFor="r-scenario">使用场景</label>
          <select
            id="r-scenario"
            value={scenario}
            onChange={(e) => {
              // A matter belongs to one scenario: another scenario starts without one.
              setScenario(e.target.value);
              setMatter('');
            }}
          >
            {Object.entries(SCENARIO).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <MatterField
          scenario={scenario}
          value={matter}
          onChange={(code, proposed) => {
            setMatter(code);
            if (proposed) setDomains(proposed);
          }}
        />
        <div>
          <label htmlFor="r-from">报告期起</label>
          <input id="r-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="r-to">报告期止</label>
          <input id="r-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="wide">
          <label htmlFor="r-domains">查询领域（不选即全部 {active.length} 个领域）</label>
          <select
            id="r-domains"
            multiple
            size={5}
            value={domains}
            onChange={(e) => setDomains(Array.from(e.target.selectedOptions).map((o) => o.value))}
          >
            {active.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} {d.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">出具报告</button>
        </div>
      </form>
      {issued && <Notice kind="ok">报告 {issued} 已出具，可下载 PDF。</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <ul className="reports" aria-label="我的报告">
        {reports?.subject?.reports.map((r) => (
          <ReportItem key={r.number} report={r} onChange={reload} />
        ))}
      </ul>
    </section>
  );
}

type Report = NonNullable<PortalReportsQuery['subject']>['reports'][number];

/** A changed field's value as JSON text: strings without their quotes, nothing as —. */
/** A changed field's value as people read it: a status by its label, a flag as 是/否. */
function shown(field: string, json: string | null): string {
  if (json === null) return '—';
  const v: unknown = JSON.parse(json);
  if (field === 'status' && typeof v === 'string') return term(RECORD_STATUS, v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function ReportItem({ report, onChange }: { report: Report; onChange: () => void }) {
  const [partner, setPartner] = useState('');
  const [until, setUntil] = useState(() => isoDate(new Date(Date.now() + 30 * 86_400_000)));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const download = async () => {
    // The PDF needs the owner's token: fetch it and hand the browser a blob to save.
    const { currentSession } = await import('../session/session');
    // pdfUrl carries PUBLIC_BASE_URL; the console asks its own origin (the same gateway) for that path.
    const r = await fetch(new URL(report.pdfUrl!).pathname, {
      headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
    });
    if (!r.ok) return setMessage({ kind: 'error', text: `下载失败（HTTP ${r.status}）` });
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${report.number}.pdf`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const authorise = async () => {
    try {
      await call(PortalAuthorizeDocument, { number: report.number, partnerId: partner, until });
      setMessage({ kind: 'ok', text: `已授权 ${partner} 查看至 ${until}` });
      onChange();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  const reissue = async () => {
    try {
      const r = await call(PortalReissueReportDocument, { number: report.number });
      setMessage({
        kind: 'ok',
        text: `已重新出具报告 ${r.reissueReport.number}（核验码 ${r.reissueReport.verificationCode}）`,
      });
      onChange();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  const id = report.number;
  const changes = report.changes;
  return (
    <li className="report" data-testid="report">
      <div className="record-head">
        <strong>{report.number}</strong>
        <span className="tag">{term(REPORT_STATUS, report.status)}</span>
        {report.supersedes && <span className="tag">重新出具自 {report.supersedes}</span>}
      </div>
      {changes && report.status === 'ISSUED' && (
        <div className="banner-changed" role="alert" data-testid="records-changed">
          <strong>报告真实，但出具后信用记录已有变化，建议重新出具。</strong>
          <span>
            自 {changes.firstChangedOn} 起：
            {(
              [
                ['CORRECTED', changes.corrected],
                ['REVOKED', changes.revoked],
                ['REPAIRED', changes.repaired],
                ['ADDED_LATE', changes.addedLate],
                ['UNDER_OBJECTION', changes.underObjection],
              ] as const
            )
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${RECORD_CHANGE[k]} ${n} 项`)
              .join('、')}
          </span>
          <ul className="changes">
            {report.recordChanges.map((c) => (
              <li key={`${c.recordId}-${c.at}-${c.kind}`}>
                {c.decisionNumber}：{term(RECORD_CHANGE, c.kind)}
                {c.fields.length > 0 &&
                  `（${c.fields
                    .map(
                      (f) =>
                        `${RECORD_FIELD[f.field] ?? f.field} ${shown(f.field, f.before)} → ${shown(f.field, f.after)}`,
                    )
                    .join('；')}）`}
              </li>
            ))}
          </ul>
          {report.supersededBy ? (
            <span>已重新出具为 {report.supersededBy}。</span>
          ) : (
            <button type="button" onClick={() => void reissue()}>
              重新出具报告
            </button>
          )}
        </div>
      )}
      <div className="muted">
        {fmtTime(report.issuedAt)} · {term(SCENARIO, report.scenario)} · {term(CHANNEL, report.channel)} ·{' '}
        {report.periodFrom} 至 {report.periodTo} · {report.recordCount} 条记录 · 核验码 {report.verificationCode ?? '—'}
      </div>
      <div className="actions">
        {report.pdfUrl && (
          <button type="button" onClick={() => void download()}>
            下载 PDF
          </button>
        )}
      </div>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void authorise();
        }}
      >
        <label htmlFor={`p-${id}`}>授权报告使用方（编号）</label>
        <input
          id={`p-${id}`}
          value={partner}
          onChange={(e) => setPartner(e.target.value)}
          required
          placeholder="如 sc-credit"
        />
        <label htmlFor={`u-${id}`}>授权截止</label>
        <input id={`u-${id}`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        <button type="submit" className="secondary">
          授权查看明细
        </button>
      </form>
      {(report.authorizations ?? []).length > 0 && (
        <div className="muted">
          已授权：
          {report
            .authorizations!.map((a) => `${a.partnerId}（至 ${fmtDay(a.until)}${a.active ? '' : '，已失效'}）`)
            .join('、')}
        </div>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </li>
  );
}

function Objections({ creditCode, version }: { creditCode: string; version: number }) {
  const [data, setData] = useState<PortalObjectionsQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(PortalObjectionsDocument, { creditCode }).then(setData, (e) => setError(describeError(e)));
  }, [creditCode, version]);
  const list = data?.subject?.objections ?? [];
  return (
    <section className="card" aria-labelledby="objections-title">
      <h2 id="objections-title">我的异议</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {list.length === 0 && data && <p>暂无异议。</p>}
      <ul className="objections">
        {list.map((o) => (
          <li key={o.id} className="objection" data-testid="objection">
            <div className="record-head">
              <strong>{o.number}</strong>
              <span className="tag">{term(OBJECTION_STATUS, o.status)}</span>
              {o.overdue && <span className="tag tag-warn">已逾期</span>}
            </div>
            <div className="muted">
              {term(OBJECTION_TYPE, o.type)} · 提交于 {fmtTime(o.filedAt)}
              {o.dueDate && (
                <>
                  {' · 办理期限 '}
                  <DueDate date={o.dueDate} provisional={o.dueDateProvisional} />
                </>
              )}
            </div>
            <div>理由：{o.reason}</div>
            {o.explanation && <div>处理说明：{o.explanation}</div>}
            {o.refusalReason && <div>不予受理理由：{o.refusalReason}</div>}
            <ol className="timeline" aria-label={`异议 ${o.number} 办理进度`}>
              {o.timeline.map((t) => (
                <li key={t.seq}>
                  <span className="muted">{fmtTime(t.at)}</span> {term(OBJECTION_ACTION, t.action)}（
                  {term(ROLE, t.role)}）{t.note ? `：${t.note}` : ''}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AccessLog({ creditCode }: { creditCode: string }) {
  const [role, setRole] = useState('');
  const [data, setData] = useState<PortalAccessLogQuery>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(PortalAccessLogDocument, { creditCode, filter: role ? { roles: [role] } : null }).then(setData, (e) =>
      setError(describeError(e)),
    );
  }, [creditCode, role]);
  const log = data?.subject?.accessLog;
  return (
    <section className="card" aria-labelledby="access-title">
      <h2 id="access-title">谁查看了我</h2>
      <label htmlFor="a-role">查看者角色</label>
      <select id="a-role" value={role} onChange={(e) => setRole(e.target.value)}>
        <option value="">全部</option>
        {['PARTNER', 'OPERATOR', 'SOURCE_UNIT', 'LEAD_DEPARTMENT', 'SERVICE'].map((r) => (
          <option key={r} value={r}>
            {ROLE[r]}
          </option>
        ))}
      </select>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="table-wrap">
        <table data-testid="access-log">
          <caption className="sr-only">访问记录</caption>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">查看者</th>
              <th scope="col">角色</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {log?.edges.map((e, i) => (
              <tr key={i}>
                <td>{fmtTime(e.node.at)}</td>
                <td>{e.node.actor}</td>
                <td>{term(ROLE, e.node.role)}</td>
                <td>{accessActionZh(e.node.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log && log.anonymousVerifications.length > 0 && (
        <p className="muted">
          匿名核验：
          {log.anonymousVerifications.map((v) => `${v.day} 报告 ${v.target ?? ''} ${v.count} 次`).join('；')}
        </p>
      )}
    </section>
  );
}
