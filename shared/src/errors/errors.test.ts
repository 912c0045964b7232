import { GraphQLError } from 'graphql';
import { badUserInput, createErrorFormatter, isLostDatabaseConnection, isWriteConflict } from './errors';

describe('error formatting', () => {
  const internal = {
    message: 'ER_NO_SUCH_TABLE: select * from subject',
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
  };

  it('hides internal messages and stack traces in production and reports them to the log', () => {
    const logged: unknown[] = [];
    const format = createErrorFormatter({ exposeInternals: false, onInternal: (e) => logged.push(e) });
    expect(format(internal, new Error('boom'))).toEqual({
      message: 'Internal server error',
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toHaveLength(1);
  });

  it('passes coded errors through with their fields but without stacks', () => {
    const e = badUserInput('creditCode', 'must be 18 characters, got 3');
    const out = createErrorFormatter({ exposeInternals: false })(
      { message: e.message, extensions: { ...e.extensions, stacktrace: ['x'] } },
      e,
    );
    expect(out).toEqual({
      message: 'creditCode: must be 18 characters, got 3',
      extensions: { code: 'BAD_USER_INPUT', field: 'creditCode' },
    });
  });

  it('treats an error without a code as internal', () => {
    const out = createErrorFormatter({ exposeInternals: false })(
      { message: 'TypeError: x is undefined' },
      new GraphQLError('x'),
    );
    expect(out.message).toBe('Internal server error');
  });
});

describe('a lost database connection', () => {
  // What TypeORM throws when MariaDB kills the connection under a statement (QueryFailedError wrapping mysql2's).
  const killed = Object.assign(new Error('Query execution was interrupted'), {
    driverError: Object.assign(new Error('Connection was killed'), { errno: 1927, code: 'ER_CONNECTION_KILLED' }),
  });

  it('is told apart from other failures', () => {
    expect(isLostDatabaseConnection(new GraphQLError('x', { originalError: killed }))).toBe(true);
    expect(
      isLostDatabaseConnection(Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })),
    ).toBe(true);
    expect(isLostDatabaseConnection(Object.assign(new Error('dup'), { errno: 1062, code: 'ER_DUP_ENTRY' }))).toBe(
      false,
    );
    // A Redis or HTTP socket saying ECONNRESET is not the database.
    expect(isLostDatabaseConnection(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(false);
  });

  // mysql2's errors as the pool gives them with MariaDB down or restarting (probed against a closed port),
  // bare and as TypeORM wraps them (QueryFailedError: driverError; a transaction: cause).
  it.each([
    ['refused', { code: 'ECONNREFUSED', errno: -111, fatal: true, message: 'connect ECONNREFUSED 127.0.0.1:3306' }],
    ['reset', { code: 'ECONNRESET', errno: -104, fatal: true, message: 'read ECONNRESET' }],
    [
      'lost',
      { code: 'PROTOCOL_CONNECTION_LOST', fatal: true, message: 'Connection lost: The server closed the connection.' },
    ],
    ['broken pipe', { code: 'EPIPE', errno: -32, fatal: true, message: 'write EPIPE' }],
    ['timed out', { code: 'ETIMEDOUT', fatal: true, message: 'connect ETIMEDOUT' }],
    ['shutting down', { code: 'ER_SERVER_SHUTDOWN', errno: 1053, message: 'Server shutdown in progress' }],
    ['too many connections', { code: 'ER_CON_COUNT_ERROR', errno: 1040, message: 'Too many connections' }],
    ['pool closed', { message: 'Pool is closed.' }],
  ])('the database %s, bare or wrapped, is SERVICE_UNAVAILABLE and retryable', (_name, fields) => {
    const { message, ...rest } = fields as { message: string };
    const driver = Object.assign(new Error(message), rest);
    const queryFailed = Object.assign(new Error(message), { name: 'QueryFailedError', driverError: driver, ...rest });
    const inTransaction = new Error('transaction failed', { cause: driver });
    const format = createErrorFormatter({ exposeInternals: false });
    for (const e of [driver, queryFailed, inTransaction]) {
      expect(isLostDatabaseConnection(e)).toBe(true);
      const err = new GraphQLError(message, { originalError: e });
      expect(format({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err)).toEqual({
        message: 'the database connection was interrupted; nothing of this request was committed, send it again',
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
        path: undefined,
      });
    }
  });

  it('a refused socket of something else than mysql2 (not fatal) is not the database', () => {
    expect(isLostDatabaseConnection(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
  });

  it('becomes SERVICE_UNAVAILABLE, retryable, revealing nothing of the database', () => {
    const format = createErrorFormatter({ exposeInternals: false });
    const err = new GraphQLError('Connection was killed', { originalError: killed, path: ['submitRecords'] });
    const out = format({ message: err.message, path: ['submitRecords'], extensions: {} }, err);
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(out.message).not.toMatch(/killed|1927/);
  });
});

describe('a write another transaction won (InnoDB deadlock, Galera certification failure)', () => {
  it.each([
    [
      'certification failure',
      { code: 'ER_LOCK_DEADLOCK', errno: 1213, message: 'Deadlock found when trying to get lock' },
    ],
    ['lock wait', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205, message: 'Lock wait timeout exceeded' }],
    [
      'node not in the primary component',
      { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047, message: 'WSREP has not yet prepared node' },
    ],
  ])('a %s, wrapped by TypeORM, is SERVICE_UNAVAILABLE with retryable: true', (_name, fields) => {
    const { message, ...rest } = fields;
    const wrapped = Object.assign(new Error('Query failed'), { driverError: Object.assign(new Error(message), rest) });
    expect(isWriteConflict(new GraphQLError('x', { originalError: wrapped }))).toBe(true);
    const out = createErrorFormatter({ exposeInternals: false })(
      { message: `QueryFailedError: ${message}` },
      new GraphQLError('x', { originalError: wrapped }),
    );
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(out.message).not.toMatch(/Deadlock|WSREP|Lock wait/);
  });

  it('is not a duplicate key or a syntax error', () => {
    expect(isWriteConflict(Object.assign(new Error('dup'), { errno: 1062, code: 'ER_DUP_ENTRY' }))).toBe(false);
    expect(isWriteConflict(Object.assign(new Error('syntax'), { errno: 1064, code: 'ER_PARSE_ERROR' }))).toBe(false);
  });
});
