import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  authConfigFromEnv,
  bearerToken,
  createTokenVerifier,
  ErrorCode,
  isOwner,
  requestError,
  type CommonEnv,
  type Logger,
  type Principal,
  type RequestInfo,
  type RouteHandler,
  type ServiceContext,
} from '@credit/shared';
import { GraphQLError } from 'graphql';
import type { ReportsServices } from '../context';
import { CREDIT_REPORT_CONTEXT, CREDIT_REPORT_CONTEXT_PATH } from '../credential/creditReportContext';
import { DID_DOCUMENT_PATH, STATUS_LIST_PATH } from '../credential/reportCredentials';
import { checkIntegrity } from '../integrity/integrity';
import { codeMatches } from '../integrity/verificationCode';
import { renderReportPdf, type PdfMeta } from '../pdf/reportPdf';
import { identityAsSeen } from '../report/identityAsSeen';
import { accessTo } from '../report/reportAccess';
import { isWellFormedReportNumber } from '../report/reportNumber';
import { verifyForm, verifyResult } from './verifyPage';
import { changesOf, recordsChangedWarning } from '../currency/currencyView';
import { readSubstitutes, substitutesHtml } from '../verification/substitutes';
import { verificationClient } from '../verification/verificationGuard';
import { audit } from '@credit/shared';

/** A VERIFICATION_LOCKED refusal, as the HTTP routes answer it. */
function lockOf(err: unknown) {
  if (!(err instanceof GraphQLError) || err.extensions.code !== ErrorCode.VERIFICATION_LOCKED) return undefined;
  const { code, retryAfterSeconds, field } = err.extensions as {
    code: string;
    retryAfterSeconds: number;
    field: string;
  };
  return { code, message: err.message, retryAfterSeconds, extensions: { field, retryAfterSeconds } };
}

// 19 characters for the sequential numbers issued before the random part, 23 since.
const PDF_PATH = /^\/reports\/([A-Z0-9]{19,23})\.pdf$/;

/** JSON when the client ranks it above HTML (a browser's Accept lists text/html first). */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const json = accept.indexOf('application/json');
  const html = accept.indexOf('text/html');
  return json >= 0 && (html < 0 || json < html);
}

const send = (
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
};

/** The report's GET endpoints: published keys, the verification page (QR target) and PDFs. */
export function reportRoutes(
  services: ReportsServices,
  deps: { env: CommonEnv; logger: Logger },
): Record<string, RouteHandler> {
  const verifyToken = createTokenVerifier(authConfigFromEnv(deps.env));
  const ctxFor = (info: RequestInfo, principal?: Principal): ServiceContext => ({
    requestId: info.requestId,
    log: deps.logger,
    principal,
    clientIp: info.ip,
  });
  const grantFor = (p: Principal | undefined) => async (number: string) =>
    p?.role === 'PARTNER' ? (await services.authorizations.activeGrants([number], p.partnerId)).has(number) : false;

  async function principalOf(req: IncomingMessage): Promise<Principal | undefined | 'BAD'> {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) return undefined;
    if (token === null) return 'BAD';
    try {
      return await verifyToken(token);
    } catch {
      return 'BAD';
    }
  }

  const keys: RouteHandler = (_req, res) => {
    send(res, 200, 'application/jwk-set+json', JSON.stringify(services.keyring.jwks()), {
      'cache-control': 'public, max-age=300',
    });
  };

  const json = (res: ServerResponse, type: string, body: unknown, maxAge: number) =>
    send(res, 200, type, JSON.stringify(body), { 'cache-control': `public, max-age=${maxAge}` });

  const didDocument: RouteHandler = async (_req, res) =>
    json(res, 'application/did+json', await services.credentials.didDocument(), 300);

  const context: RouteHandler = (_req, res) => json(res, 'application/ld+json', CREDIT_REPORT_CONTEXT, 86_400);

  // Short cache: a report user's wallet must learn of a revocation within a minute.
  const statusList: RouteHandler = async (req, res, info) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const m = /^\/credentials\/status\/(refresh\/)?([1-9][0-9]{0,6})$/.exec(path);
    const list = m
      ? await services.credentials.statusListCredential(Number(m[2]), m[1] ? 'refresh' : 'revocation')
      : null;
    if (!list) return requestError(res, 404, 'NOT_FOUND', `status list ${path} not found`, info.requestId);
    json(res, 'application/vc+ld+json', list, 60);
  };

  const verify: RouteHandler = async (req, res, info) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const number = url.searchParams.get('number') ?? '';
    const code = url.searchParams.get('code') ?? '';
    // The code travels in the URL (QR code): keep it out of caches and referrers.
    const headers = {
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    };
    // Report users' systems ask for JSON (the same verdict as Query.verifyReport, without a GraphQL round).
    const asJson = url.searchParams.get('format') === 'json' || wantsJson(req.headers.accept);
    if (!number || !code) {
      if (asJson) {
        const field = number ? 'code' : 'number';
        return requestError(res, 400, 'BAD_USER_INPUT', `${field} is required`, info.requestId, headers, { field });
      }
      return send(res, 200, 'text/html; charset=utf-8', verifyForm(number), headers);
    }
    // A partner's system is one client by its partner id, as in GraphQL (the guard's per-client rule);
    // anyone else, or a token that does not verify, is the address the gateway saw.
    // The caller's token decides, as in verifyReport, whether personal data is masked (owner, officials and
    // authorised partners see it); a token that does not verify counts as none.
    const verified = await principalOf(req);
    const principal = verified === 'BAD' ? undefined : verified;
    try {
      const v = await services.verification.verify(ctxFor(info, principal), number, code, grantFor(principal), 'page');
      const substitutes = await readSubstitutes(v, services.substitutionMatters, deps.logger, info.requestId);
      if (asJson)
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ...v, substitutes }), headers);
      send(res, 200, 'text/html; charset=utf-8', verifyResult(v, substitutesHtml(v, substitutes)), headers);
    } catch (err) {
      const locked = lockOf(err);
      if (locked) {
        const lockHeaders = { ...headers, 'retry-after': String(locked.retryAfterSeconds) };
        if (asJson)
          return requestError(res, 429, locked.code, locked.message, info.requestId, lockHeaders, locked.extensions);
        const minutes = Math.ceil(locked.retryAfterSeconds / 60);
        return send(
          res,
          429,
          'text/html; charset=utf-8',
          verifyForm(number, `该报告编号验证码错误次数过多，已暂时锁定，请约 ${minutes} 分钟后再试。`),
          lockHeaders,
        );
      }
      if (err instanceof GraphQLError && err.extensions.code === 'NOT_FOUND') {
        if (asJson)
          return requestError(res, 404, 'NOT_FOUND', err.message, info.requestId, headers, { field: 'number' });
        return send(
          res,
          404,
          'text/html; charset=utf-8',
          verifyForm(number, '未找到该报告，或验证码不正确。'),
          headers,
        );
      }
      throw err;
    }
  };

  const pdf: RouteHandler = async (req, res, info) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = PDF_PATH.exec(url.pathname);
    const number = m?.[1] ?? '';
    const notFound = () =>
      requestError(res, 404, 'NOT_FOUND', `report ${number || url.pathname} not found`, info.requestId);
    if (!m || !isWellFormedReportNumber(number)) return notFound();
    const principal = await principalOf(req);
    if (principal === 'BAD')
      return requestError(res, 401, 'UNAUTHENTICATED', 'a valid bearer token or ?code= is required', info.requestId);
    const code = url.searchParams.get('code');
    // A code is a guess like any other: a client locked out of the number is refused, a wrong code
    // counts, whether the number exists or not (a lock must not tell which numbers exist).
    const guard = services.verification.guard;
    const ctx = ctxFor(info, principal);
    const client = verificationClient(ctx);
    if (code !== null) {
      try {
        await guard.assertOpen(number, client, 'pdf');
      } catch (err) {
        const locked = lockOf(err);
        if (!locked) throw err;
        const retry = { 'retry-after': String(locked.retryAfterSeconds) };
        return requestError(res, 429, locked.code, locked.message, info.requestId, retry, locked.extensions);
      }
    }
    const [row] = await services.reports.findByNumbers([number]);
    if (!row) {
      if (code !== null) await guard.failed(ctx, number, client, 'pdf');
      return notFound();
    }
    const byCode = code !== null && codeMatches(number, code, row.codeHash);
    const access = await accessTo(principal, row, grantFor(principal));
    if (!byCode && !access) {
      if (code !== null) await guard.failed(ctx, number, client, 'pdf');
      return notFound();
    }
    const text = (await services.reports.snapshotTexts([number])).get(number);
    const integrity = checkIntegrity(row, text, services.keyring, services.verifiedSignatures);
    if (!integrity.snapshot) {
      return requestError(
        res,
        409,
        'CONFLICT',
        `report ${number} failed its integrity check: ${integrity.problem}`,
        info.requestId,
      );
    }
    const owner = isOwner(principal, row.creditCode);
    if (!owner)
      await audit(services.db, ctxFor(info, principal), {
        action: 'report.pdf',
        subjectCodes: [row.creditCode],
        target: number,
      });
    const shownCode = byCode ? code!.trim().toUpperCase() : owner ? services.reports.verificationCode(number) : null;
    const base = services.config.publicBaseUrl;
    const meta: PdfMeta = {
      status: row.status as PdfMeta['status'],
      revokedAt: row.revokedAt,
      revocationReason: row.revocationReason,
      sha256: row.sha256,
      keyId: row.keyId,
      verificationCode: shownCode,
      verifyUrl: `${base}/verify?number=${number}${shownCode ? `&code=${shownCode}` : ''}`,
      recordsChanged: (() => {
        const changes = changesOf(row);
        return changes ? recordsChangedWarning(changes).message : null;
      })(),
    };
    const snapshot = integrity.snapshot;
    const body = await renderReportPdf({ ...snapshot, subject: identityAsSeen(snapshot.subject, access) }, meta);
    send(res, 200, 'application/pdf', body, {
      'content-disposition': `inline; filename="${number}.pdf"`,
      'cache-control': 'private, no-store',
      // Whether the records behind it are unchanged and it is not revoked (commitments: ask /verify).
      'x-report-current': String(row.status === 'ISSUED' && !row.changedAt),
    });
  };

  return {
    '/.well-known/credit-report-keys': keys,
    [DID_DOCUMENT_PATH]: didDocument,
    [CREDIT_REPORT_CONTEXT_PATH]: context,
    [`${STATUS_LIST_PATH}*`]: statusList,
    '/verify': verify,
    '/reports/*': pdf,
  };
}
