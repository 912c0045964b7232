import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Static composition: the same supergraph in CI, in production and in the tests. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!.trim() + '\n';
}
