import type { ReportSnapshot } from '../report/snapshot';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Snapshots whose signatures have already been checked, by (SHA-256, signatures, keys). The hash of
 * the stored text is still recomputed on every verification, so one changed byte is caught at
 * once; what is skipped for an unchanged text is only the signature checks (Ed25519, and SM2 at
 * about 1.5 ms) and the parse, which together were a quarter of a verification's CPU time before SM2. Entries are frozen because requests
 * share them; the oldest go first when the bound is reached.
 */
export class VerifiedSignatures {
  private readonly entries = new Map<string, ReportSnapshot>();

  constructor(private readonly capacity = 2_000) {}

  private static key(sha256: string, signature: string, keyId: string): string {
    return `${keyId}\u0000${sha256}\u0000${signature}`;
  }

  get(sha256: string, signature: string, keyId: string): ReportSnapshot | undefined {
    return this.entries.get(VerifiedSignatures.key(sha256, signature, keyId));
  }

  remember(sha256: string, signature: string, keyId: string, snapshot: ReportSnapshot): ReportSnapshot {
    const key = VerifiedSignatures.key(sha256, signature, keyId);
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, deepFreeze(snapshot));
    return snapshot;
  }

  get size(): number {
    return this.entries.size;
  }
}
