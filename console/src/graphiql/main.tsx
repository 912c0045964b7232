import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
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

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />);
