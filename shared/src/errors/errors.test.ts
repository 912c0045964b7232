import { GraphQLError } from 'graphql';
import { badUserInput, createErrorFormatter } from './errors';

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
