import { createServer, type Server } from 'node:http';
import { closeServer, demoSourceUnits, listen } from '@credit/shared';

export interface FakeRecord {
  id: string;
  creditCode: string;
  subjectType: string;
  sourceUnitCode: string;
  domainCode: string;
  status: string;
}

export interface Call {
  op: string;
  variables: Record<string, any>;
  role?: string;
}

/**
 * A stand-in for the records subgraph's internal API (integration tests of objections alone):
 * answers `_entities`, the three idempotent writes and `internalRecordsForSnapshot`, records every
 * call, and can be taken down and brought back on the same port like a real outage. It also answers
 * entities' source-unit register (the demo units; `units` to change it), which decides whether a unit may act.
 */
export class FakeRecords {
  readonly records = new Map<string, FakeRecord>();
  readonly calls: Call[] = [];
  /** Applied effects, once per (objectionId, op), as records' own idempotency keys do. */
  readonly applied = new Map<string, Call>();
  /** Record ids whose writes answer a non-retryable GraphQL error. */
  readonly refusing = new Set<string>();
  readonly units = demoSourceUnits();
  url = '';
  private port = 0;
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, any> };
      const token = String(req.headers.authorization ?? '').split('.')[1];
      const role = token ? JSON.parse(Buffer.from(token, 'base64url').toString()).role : undefined;
      const send = (payload: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const op =
        [
          '_entities',
          'internalMarkUnderObjection',
          'internalClearObjection',
          'internalApplyCorrection',
          'internalRecordsForSnapshot',
          'sourceUnits',
        ].find((o) => query.includes(o)) ?? 'unknown';
      this.calls.push({ op, variables, role });
      if (role !== 'SERVICE') return send({ errors: [{ message: 'SERVICE only', extensions: { code: 'FORBIDDEN' } }] });
      switch (op) {
        case '_entities':
          return send({
            data: { _entities: variables.representations.map((r: { id: string }) => this.records.get(r.id) ?? null) },
          });
        case 'sourceUnits':
          return send({ data: { sourceUnits: this.units } });
        case 'internalRecordsForSnapshot':
          return send({
            data: {
              internalRecordsForSnapshot: [...this.records.values()].filter(
                (r) => r.creditCode === variables.creditCode,
              ),
            },
          });
        default: {
          const recordId = variables.recordId ?? variables.input?.recordId;
          const objectionId = variables.objectionId ?? variables.input?.objectionId;
          if (this.refusing.has(recordId))
            return send({
              errors: [{ message: 'input.changes.fineAmount: bad', extensions: { code: 'BAD_USER_INPUT' } }],
            });
          const key = `${objectionId}:${op}`;
          if (!this.applied.has(key)) this.applied.set(key, { op, variables, role });
          if (op === 'internalApplyCorrection')
            return send({ data: { internalApplyCorrection: { id: recordId, version: 7 } } });
          return send({ data: { [op]: true } });
        }
      }
    });
  });

  async start(): Promise<void> {
    this.port = await listen(this.server, this.port, '127.0.0.1');
    this.url = `http://127.0.0.1:${this.port}/graphql`;
  }

  /** Closes the port: calls now fail with "unreachable", as when records is down. */
  down(): Promise<void> {
    return closeServer(this.server);
  }

  up(): Promise<void> {
    return this.start();
  }

  add(r: FakeRecord): FakeRecord {
    this.records.set(r.id, r);
    return r;
  }

  /** Effect calls (not lookups) about one objection, in arrival order. */
  effectsFor(objectionId: string): string[] {
    return this.calls
      .filter((c) => (c.variables.objectionId ?? c.variables.input?.objectionId) === objectionId)
      .map((c) => c.op);
  }
}
