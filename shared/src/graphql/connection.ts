import { Directive, Field, ObjectType } from 'type-graphql';
import { badUserInput } from '../errors/errors';

/** Relay page info; shareable because every subgraph that pages returns the same shape. */
@Directive('@shareable')
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** Cursors are opaque to clients: base64url of a JSON keyset position. */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) return value;
  } catch {
    // fall through
  }
  throw badUserInput(field, 'is not a cursor returned by this API');
}

export function pageSize(first: number | undefined | null, fallback = 20, field = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw badUserInput(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${n}`);
  return n;
}
