import { chinaDate, chinaTime, DOMAIN_OUTCOME_ZH, term } from '@credit/shared';
import { DomainOutcome } from '../report/report.type';
import { SCENARIO_ZH } from '../report/snapshot';
import { RECORDS_CHANGED_BANNER, recordsChangedWarning } from '../currency/currencyView';
import { VerificationWarningCode, type ReportVerification } from '../verification/verification.type';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every value that reaches the page goes through this: report data and query parameters alike. */
export const escapeHtml = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

const STYLE = `body{font-family:system-ui,"PingFang SC","Noto Sans SC",sans-serif;margin:0;padding:16px;max-width:640px;margin:auto;color:#1f2933}
h1{font-size:1.3em}.ok{background:#e3f9e5;border:1px solid #31b237;padding:12px;border-radius:6px}
.bad{background:#ffe3e3;border:1px solid #d64545;padding:12px;border-radius:6px}.warn{background:#fff3c4;border:1px solid #e9b949;padding:12px;border-radius:6px}
table{border-collapse:collapse;width:100%;margin-top:12px}td,th{border-bottom:1px solid #d9e2ec;padding:6px;text-align:left;font-size:.95em}
input{font-size:1em;padding:6px;width:100%;box-sizing:border-box;margin:4px 0 10px}button{font-size:1em;padding:8px 16px}`;

function page(body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>专项信用报告核验</title><style>${STYLE}</style></head><body><h1>专项信用报告核验</h1>${body}</body></html>`;
}

export function verifyForm(number = '', message = ''): string {
  return page(`${message ? `<p class="bad">${escapeHtml(message)}</p>` : ''}
<form method="get" action="verify"><label>报告编号<input name="number" value="${escapeHtml(number)}" autocomplete="off"></label>
<label>验证码<input name="code" autocomplete="off"></label><button type="submit">核验</button></form>`);
}

/** `extra`: sections other modules add below the verdict (what the report replaces). */
export function verifyResult(v: ReportVerification, extra = ''): string {
  const verdict = !v.authentic
    ? `<p class="bad"><strong>验证失败：报告内容与签名不符，不是真实有效的报告。</strong><br>${escapeHtml(v.problem ?? '')}</p>`
    : v.status === 'REVOKED'
      ? `<p class="warn"><strong>报告真实，但已撤销</strong>（${escapeHtml(v.revokedAt ? chinaDate(new Date(v.revokedAt)) : '')}：${escapeHtml(v.revocationReason)}）</p>`
      : v.changes
        ? `<p class="warn" role="alert" data-warning="RECORDS_CHANGED_SINCE_ISSUANCE"><strong>${RECORDS_CHANGED_BANNER}</strong><br>出具后首次变化：${escapeHtml(v.changes.firstChangedOn)}；${escapeHtml(recordsChangedWarning(v.changes).reason)}。报告内容与出具时一致，签名核验通过。</p>`
        : '<p class="ok"><strong>真实有效</strong>：报告内容与出具时一致，签名核验通过。</p>';
  const superseded = v.supersededBy
    ? `<p class="warn">该报告已由信用主体重新出具，新报告编号：${escapeHtml(v.supersededBy)}。</p>`
    : '';
  const signatures = v.signatures
    .map((s) => `${escapeHtml(s.algorithm)} 签名（${escapeHtml(s.kid)}）：${s.valid ? '通过' : '未通过'}`)
    .join('；');
  // The records-changed warning is the verdict above; commitments and the rest stay listed.
  const warnings = v.warnings
    .filter((w) => w.code !== VerificationWarningCode.RECORDS_CHANGED_SINCE_ISSUANCE)
    .map((w) => `<p class="warn" role="alert"><strong>注意</strong>：${escapeHtml(w.message)}</p>`)
    .join('');
  const rows = v.domains
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.nameZh)}（${escapeHtml(d.code)}）</td><td>${term(DOMAIN_OUTCOME_ZH, d.outcome)}${d.outcome === DomainOutcome.NO_RECORD ? '' : `（${escapeHtml(d.recordCount)} 条）`}</td></tr>`,
    )
    .join('');
  return page(`${verdict}<p style="font-size:.85em;color:#52606d">${signatures}</p>${superseded}${warnings}
<table><tr><th>报告编号</th><td>${escapeHtml(v.number)}</td></tr>
<tr><th>信用主体</th><td>${escapeHtml(v.subjectName)}</td></tr>
<tr><th>代码</th><td>${escapeHtml(v.creditCode)}</td></tr>
<tr><th>报告期间</th><td>${escapeHtml(v.periodFrom)} 至 ${escapeHtml(v.periodTo)}${v.coverageFrom !== v.periodFrom ? `（实际覆盖自 ${escapeHtml(v.coverageFrom)}）` : ''}</td></tr>
<tr><th>应用场景</th><td>${escapeHtml(term(SCENARIO_ZH, v.scenario))}</td></tr>
<tr><th>出具时间</th><td>${escapeHtml(chinaTime(v.issuedAt))}（北京时间）</td></tr></table>
${rows ? `<table><tr><th>领域</th><th>结果</th></tr>${rows}</table>` : ''}${extra}
<p style="font-size:.85em;color:#52606d">记录明细仅向信用主体本人及其授权的报告使用方提供。</p>`);
}
