import type { ServerResponse } from 'node:http';
import {
  auditAct,
  authConfigFromEnv,
  bearerToken,
  createTokenVerifier,
  decodePath,
  ErrorCode,
  requestError,
  Role,
  type CommonEnv,
  type Logger,
  type RouteHandler,
} from '@credit/shared';
import { GraphQLError } from 'graphql';
import type { ObjectionsServices } from '../context';
import { assessmentCsv, assessmentXlsx } from './assessmentExport';

const EXPORT_PATH = /^\/assessment\/([^/]+)\.(csv|xlsx)$/;
const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * GET /assessment/<quarter>.xlsx|.csv[?regionCode=520100]: the quarterly assessment as a file for
 * the assessment meeting, for the lead department and analysts (bearer token, as for GraphQL).
 */
export function assessmentRoutes(
  services: ObjectionsServices,
  deps: { env: CommonEnv; logger: Logger },
): Record<string, RouteHandler> {
  const verify = createTokenVerifier(authConfigFromEnv(deps.env));
  const fail = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    requestId: string,
    field?: string,
  ) => requestError(res, status, code, message, requestId, { 'cache-control': 'no-store' }, field ? { field } : {});

  const exportFile: RouteHandler = async (req, res, info) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = EXPORT_PATH.exec(url.pathname);
    if (!m)
      return fail(
        res,
        404,
        ErrorCode.NOT_FOUND,
        'use /assessment/<quarter>.xlsx or .csv, e.g. /assessment/2026Q3.xlsx',
        info.requestId,
      );
    const token = bearerToken(req.headers.authorization);
    if (!token)
      return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'the assessment export requires a bearer token', info.requestId);
    const principal = await verify(token).catch(() => undefined);
    if (!principal) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'invalid or expired token', info.requestId);
    if (principal.role !== Role.LEAD_DEPARTMENT && principal.role !== Role.ANALYST)
      return fail(
        res,
        403,
        ErrorCode.FORBIDDEN,
        `the assessment is not available to role ${principal.role}`,
        info.requestId,
      );
    const [, rawQuarter, format] = m as unknown as [string, string, 'csv' | 'xlsx'];
    const quarter = decodePath(rawQuarter);
    if (quarter === undefined)
      return fail(
        res,
        400,
        ErrorCode.BAD_USER_INPUT,
        'the quarter in the address is malformed',
        info.requestId,
        'quarter',
      );
    try {
      const a = await services.assessment.assess(quarter, url.searchParams.get('regionCode'), info.requestId);
      const body = format === 'csv' ? assessmentCsv(a) : await assessmentXlsx(a);
      await auditAct(
        services.db,
        { requestId: info.requestId, log: deps.logger, principal },
        {
          action: 'assessment.export',
          target: `${a.quarter}${a.regionCode ? `/${a.regionCode}` : ''}.${format}`,
        },
      );
      res.writeHead(200, {
        'content-type': TYPES[format],
        'content-length': String(body.length),
        'content-disposition': `attachment; filename="assessment-${a.quarter}${a.regionCode ? `-${a.regionCode}` : ''}.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch (err) {
      if (err instanceof GraphQLError && err.extensions.code === ErrorCode.BAD_USER_INPUT) {
        return fail(res, 400, ErrorCode.BAD_USER_INPUT, err.message, info.requestId, err.extensions.field as string);
      }
      deps.logger.warn({ err: (err as Error).message, requestId: info.requestId }, 'assessment export failed');
      return fail(
        res,
        503,
        ErrorCode.SERVICE_UNAVAILABLE,
        'the assessment could not be computed now; try again shortly',
        info.requestId,
      );
    }
  };
  return { '/assessment/*': exportFile };
}
