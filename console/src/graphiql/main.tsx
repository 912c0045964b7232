import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import sdl from '../graphql/generated/schema.graphql?raw';
import { createRoot } from 'react-dom/client';
import { currentSession } from '../session/session';

// The console's session token (if signed in) rides along, so the IDE runs as the signed-in role.
const session = currentSession();
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  headers: session ? { authorization: `Bearer ${session.token}` } : {},
});

const DEFAULT_QUERY = `# 贵州省专项信用报告平台 · GraphQL
# 公开字段无需登录：domains、regions、verifyReport。其他查询请先在控制台登录（令牌自动带入）。
{
  domains { code nameZh }
}
`;

// The gateway's operation limits refuse GraphiQL's introspection query (and production turns
// introspection off): the IDE gets the API schema generated from the committed supergraph instead.
const schema = buildSchema(sdl);

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} schema={schema} defaultQuery={DEFAULT_QUERY} />,
);
