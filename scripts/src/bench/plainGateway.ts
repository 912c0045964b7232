import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

interface Ctx {
  authorization?: string;
}

/**
 * The reference point of the benchmark: the same supergraph behind a plain ApolloGateway on
 * @apollo/server with default settings. The only addition is forwarding the bearer token,
 * without which no subgraph would answer.
 * usage: node plainGateway.js <supergraph file> <port>
 */
async function main() {
  const [file, port] = process.argv.slice(2);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(file, 'utf8'),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<Ctx>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer<Ctx>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(port) },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  console.log(`plain gateway at ${url}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
