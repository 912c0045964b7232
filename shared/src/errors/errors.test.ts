import { GraphQLError } from 'graphql';
import { badUserInput, createErrorFormatter, isLostDatabaseConnection } from './errors';

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

  it('becomes SERVICE_UNAVAILABLE, retryable, revealing nothing of the database', () => {
    const format = createErrorFormatter({ exposeInternals: false });
    const err = new GraphQLError('Connection was killed', { originalError: killed, path: ['submitRecords'] });
    const out = format({ message: err.message, path: ['submitRecords'], extensions: {} }, err);
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(out.message).not.toMatch(/killed|1927/);
  });
});
