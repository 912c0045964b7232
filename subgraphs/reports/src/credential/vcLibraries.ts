/**
 * The W3C VC libraries (@digitalbazaar/*) are ES modules only. This package compiles to CommonJS, so
 * `await import()` below becomes `require()`: at run time Node (>= 20.19, see engines) loads ES modules
 * through require() natively; under jest, whose module system cannot, jest.config.js compiles these
 * packages to CommonJS (ESM_ONLY there). The `new Function('s', 'return import(s)')` trick is not
 * needed and would fail under jest (its VM has no dynamic-import hook without
 * --experimental-vm-modules). Loaded once, on first use, so a start that never issues a VC pays nothing.
 */
export interface VcLibraries {
  vc: {
    issue(opts: { credential: object; suite: object; documentLoader: DocumentLoader }): Promise<VerifiableCredential>;
    verifyCredential(opts: {
      credential: object;
      suite: object;
      documentLoader: DocumentLoader;
      checkStatus?: (opts: object) => Promise<unknown>;
    }): Promise<{ verified: boolean; error?: unknown; statusResult?: StatusResult; results?: unknown[] }>;
  };
  DataIntegrityProof: new (opts: { signer?: unknown; cryptosuite: unknown }) => object;
  cryptosuite: unknown;
  Ed25519Multikey: {
    fromJwk(opts: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<{
      signer(): unknown;
      export(opts: { publicKey: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
    }>;
  };
  statusList: {
    createList(opts: {
      length: number;
    }): Promise<{ setStatus(i: number, v: boolean): void; encode(): Promise<string> }>;
    createCredential(opts: { id: string; list: object; statusPurpose: string }): Promise<Record<string, unknown>>;
    checkStatus(opts: object): Promise<unknown>;
  };
}

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

export interface VerifiableCredential extends Record<string, unknown> {
  proof: Record<string, unknown>;
}

export interface StatusResult {
  verified: boolean;
  results?: { verified: boolean; status?: boolean; error?: unknown; credentialStatus?: { statusPurpose?: string } }[];
  error?: unknown;
}

let loaded: Promise<VcLibraries> | undefined;

export function vcLibraries(): Promise<VcLibraries> {
  loaded ??= (async () => {
    const [vc, di, suite, multikey, statusList] = await Promise.all([
      import('@digitalbazaar/vc'),
      import('@digitalbazaar/data-integrity'),
      import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
      import('@digitalbazaar/ed25519-multikey'),
      import('@digitalbazaar/vc-bitstring-status-list'),
    ]);
    return {
      vc,
      DataIntegrityProof: di.DataIntegrityProof,
      cryptosuite: suite.cryptosuite,
      Ed25519Multikey: multikey,
      statusList,
    } as VcLibraries;
  })();
  return loaded;
}
