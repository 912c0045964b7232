import { ErrorCode } from '@credit/shared';
import type { GraphQLError } from 'graphql';
import { checkedContact, maskContact } from './contact';

const caught = (fn: () => unknown): GraphQLError => {
  try {
    fn();
  } catch (err) {
    return err as GraphQLError;
  }
  throw new Error('expected an error');
};

describe('complaint contact details', () => {
  it('accepts mobiles, landlines and e-mail addresses, normalised', () => {
    expect(checkedContact({ phone: '138 0851 5678', email: ' Li.Ming@Example.com ' }, true)).toEqual({
      name: null,
      phone: '13808515678',
      email: 'li.ming@example.com',
    });
    expect(checkedContact({ phone: '0851-86812345' }, true)?.phone).toBe('0851-86812345');
  });

  it('requires a way to answer an anonymous filer, and names the bad field', () => {
    const none = caught(() => checkedContact({ name: '张三' }, true));
    expect(none.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'input.contact' });
    expect(caught(() => checkedContact({ phone: '12345' }, true)).extensions.field).toBe('input.contact.phone');
    expect(caught(() => checkedContact({ email: 'a@b' }, true)).extensions.field).toBe('input.contact.email');
    expect(checkedContact(null, false)).toBeNull();
  });

  it('masks name, phone and e-mail', () => {
    expect(maskContact({ name: '欧阳明华', phone: '13808515678', email: 'liming@example.com' })).toEqual({
      name: '欧**华',
      phone: '138****5678',
      email: 'l***@example.com',
    });
  });
});
