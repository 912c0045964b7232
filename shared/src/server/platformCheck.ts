/** Path every subgraph answers `{ service, platform }` on to a SERVICE token (see platformIdentity). */
export const PLATFORM_IDENTITY_PATH = '/health/platform';

export interface PlatformCheck {
  /** The callee's GraphQL URL (ENTITIES_URL …) and name, as the command's configuration has them. */
  url: string;
  service: string;
  /** The variables that chose `url`, named in the refusal so that the operator knows what to fix. */
  configuredBy: string;
  /** The command's own platform, from its own database connection. */
  expected: string;
  token: () => Promise<string>;
  timeoutMs?: number;
}

/** A command refuses to work against a service that is not its platform's (or that cannot say). */
export class PlatformMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformMismatchError';
  }
}

/**
 * Resolves when the service at `url` is the configured platform's: it reports the same platform
 * identity as the command computed from its own database. Anything else is refused with a message
 * naming the URL and the variables to fix: a different identity, no such service, a refused token,
 * or a service too old to answer (silently validating against it is what this check exists to stop).
 */
export async function assertSamePlatform(c: PlatformCheck): Promise<void> {
  const fix = `point ${c.configuredBy} at this platform's ${c.service} service`;
  let res: Response;
  try {
    res = await fetch(new URL(PLATFORM_IDENTITY_PATH, c.url), {
      headers: { authorization: `Bearer ${await c.token()}` },
      signal: AbortSignal.timeout(c.timeoutMs ?? 5000),
    });
  } catch (err) {
    throw new PlatformMismatchError(
      `no ${c.service} service answers at ${c.url} (${(err as Error).message}): start the platform, or ${fix}`,
    );
  }
  const body = (await res.json().catch(() => undefined)) as { service?: string; platform?: string } | undefined;
  if (res.status !== 200 || body?.service !== c.service || typeof body.platform !== 'string') {
    throw new PlatformMismatchError(
      `${c.url} did not say which platform it belongs to (HTTP ${res.status}${body?.service ? `, service ${body.service}` : ''}): ` +
        `refusing to use it as the ${c.service} service; ${fix}`,
    );
  }
  if (body.platform !== c.expected) {
    throw new PlatformMismatchError(
      `the ${c.service} service at ${c.url} belongs to another platform than the database this command writes to ` +
        `(DB_URL / DATA_DIR): refusing to validate against its register; ${fix}, or run the command with that platform's DB_URL / DATA_DIR (and PLATFORM_ID, where the platform sets one)`,
    );
  }
}
