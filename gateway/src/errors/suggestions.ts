import type { ApolloServerPlugin } from '@apollo/server';
import { Role } from '@credit/shared';
import type { GatewayContext } from '../context';

// graphql-js appends its hints to validation and coercion messages: ` Did you mean "code"?`.
const SUGGESTION = / Did you mean [^?]*\?/;

export const withoutSuggestions = (message: string) => message.replace(new RegExp(SUGGESTION, 'g'), '');

/**
 * A refused operation must not teach the schema: graphql-js's "Did you mean" hints name fields,
 * arguments and enum values a caller may not introspect. Only the lead department keeps them.
 */
export function suggestionsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.principal?.role === Role.LEAD_DEPARTMENT || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some((e) => SUGGESTION.test(e.message))) return;
          result.errors = result.errors.map((e) => ({ ...e, message: withoutSuggestions(e.message) }));
        },
      };
    },
  };
}
