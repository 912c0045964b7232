import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';
import { resolveCallback, type CallbackRules, type ResolvedAddress, type Resolver } from './callbackUrl';
import { WEBHOOK_HEADERS, webhookSignature } from './webhookSigning';

export interface SendOptions {
  rules: CallbackRules;
  timeoutMs: number;
  /** At most this much of a response is read (a receiver's answer is never used beyond its status). */
  maxResponseBytes: number;
  resolve?: Resolver;
}

export interface Signed {
  keyId: string;
  secret: string;
}

/** A callback that answered, but not 2xx: retried by the outbox. */
export class CallbackStatusError extends Error {
  readonly code: string;
  constructor(readonly status: number) {
    super(`callback answered HTTP ${status}`);
    this.code = `HTTP_${status}`;
    this.name = 'CallbackStatusError';
  }
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The connection goes to the addresses checked a moment ago, not to a fresh DNS answer: a host that
 * resolves to a public address for the check and to 127.0.0.1 for the connection (DNS rebinding)
 * reaches nothing.
 */
function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_host: string, options: LookupOptions, cb: LookupCallback) => {
    const usable = addresses.filter((a) => !options.family || options.family === a.family);
    const list = usable.length ? usable : addresses;
    if (options.all)
      cb(
        null,
        list.map((a) => ({ address: a.address, family: a.family })),
      );
    else cb(null, list[0].address, list[0].family);
  };
}

/**
 * POSTs one event: resolves and checks the host again (DNS changes), signs the body with the
 * partner's newest key, waits at most `timeoutMs` for the whole exchange and reads at most
 * `maxResponseBytes` of the answer. 2xx is delivered; anything else throws for the outbox to retry;
 * a refused address throws CallbackRefused, which parks the event at once.
 */
export async function sendWebhook(url: string, body: string, eventId: string, key: Signed, opts: SendOptions) {
  const target = new URL(url);
  const addresses = await resolveCallback(target, opts.rules, opts.resolve);
  const timestamp = Math.floor(Date.now() / 1000);
  const agent = new Agent({ connect: { lookup: pinnedLookup(addresses) as never }, connections: 1 });
  try {
    const res = await request(target, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'gz-credit-platform-webhooks/1',
        [WEBHOOK_HEADERS.id]: eventId,
        [WEBHOOK_HEADERS.key]: key.keyId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: webhookSignature(key.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      maxRedirections: 0,
    });
    let read = 0;
    for await (const chunk of res.body) {
      read += (chunk as Buffer).length;
      if (read >= opts.maxResponseBytes) break;
    }
    res.body.destroy();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new CallbackStatusError(res.statusCode);
    return res.statusCode;
  } finally {
    await agent.close().catch(() => undefined);
  }
}
