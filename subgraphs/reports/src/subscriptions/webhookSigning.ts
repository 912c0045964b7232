import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers of every event; a receiver reads them, recomputes the signature and compares. */
export const WEBHOOK_HEADERS = {
  id: 'x-credit-webhook-id',
  key: 'x-credit-webhook-key',
  timestamp: 'x-credit-webhook-timestamp',
  signature: 'x-credit-webhook-signature',
} as const;

/** Receivers reject an event whose timestamp is further than this from their clock (replays). */
export const REPLAY_WINDOW_SECONDS = 300;

/** `sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>`; the timestamp is Unix seconds. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The receiver's check, as the README shows it: signature first, then the replay window. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const ts = Number(headers[WEBHOOK_HEADERS.timestamp]);
  const got = Buffer.from(String(headers[WEBHOOK_HEADERS.signature] ?? ''));
  const want = Buffer.from(webhookSignature(secret, ts, body));
  return (
    got.length === want.length &&
    timingSafeEqual(got, want) &&
    Number.isInteger(ts) &&
    Math.abs(nowSeconds - ts) <= REPLAY_WINDOW_SECONDS
  );
}
