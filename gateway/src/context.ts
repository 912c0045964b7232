import type { ServiceContext } from '@credit/shared';

/** What the gateway's plugins and data sources see of a request: the shared context plus the caller's header. */
export interface GatewayContext extends ServiceContext {
  authorization?: string;
  /** The client address the gateway counts rate limits by. */
  ip?: string;
}
