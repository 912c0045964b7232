import 'reflect-metadata';
import { Authorized, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { roleAuthChecker } from '../auth/authChecker';
import { buildFederatedSchema } from './buildFederatedSchema';

// The same shortcut on a type with a guarded field: its role check would silently never run.
@ObjectType({ simpleResolvers: true })
class GuardedView {
  @Field()
  label!: string;

  @Authorized('LEAD_DEPARTMENT')
  @Field()
  internalNote!: string;
}

@Resolver(() => GuardedView)
class GuardedResolver {
  @Query(() => GuardedView)
  guarded(): GuardedView {
    return { label: 'x', internalNote: 'y' };
  }

  // A field with its own resolver keeps it (and its role check) on a simpleResolvers type.
  @Authorized('LEAD_DEPARTMENT')
  @FieldResolver(() => String)
  history(@Root() view: GuardedView): string {
    return view.label;
  }
}

describe('buildFederatedSchema', () => {
  it('refuses a simpleResolvers type with an @Authorized field, naming it, and not its field resolvers', async () => {
    const built = buildFederatedSchema({ resolvers: [GuardedResolver], authChecker: roleAuthChecker, validate: false });
    await expect(built).rejects.toThrow(/: GuardedView\.internalNote$/);
  });
});
