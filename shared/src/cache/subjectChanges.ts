import type { Cache } from './cache';

// Versions live 30 days; cached responses live minutes, so a version never wraps under one.
const VERSION_TTL_SECONDS = 30 * 86_400;
export const subjectVersionKey = (creditCode: string) => `ver:subject:${creditCode}`;

/**
 * "The data about these subjects changed": every write that changes what a subject's history
 * shows bumps the subject's version in the platform-wide cache, and the gateway's response
 * cache serves an entry only while the version it was stored under is still current.
 */
export class SubjectChanges {
  constructor(private readonly shared?: Cache) {}

  async publish(creditCodes: Iterable<string>): Promise<void> {
    if (!this.shared) return;
    const unique = [...new Set(creditCodes)];
    await Promise.all(unique.map((c) => this.shared!.incr(subjectVersionKey(c), VERSION_TTL_SECONDS)));
  }

  async version(creditCode: string): Promise<string> {
    return (await this.shared?.get(subjectVersionKey(creditCode))) ?? '0';
  }
}

export const NO_SUBJECT_CHANGES = new SubjectChanges();
