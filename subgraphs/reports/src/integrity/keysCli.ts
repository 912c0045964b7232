import { readFileSync } from 'node:fs';
import { generateKeyFile, keyringFrom, rotateKeyFile, type SigningAlgorithm, type SigningKeyFile } from './signingKeys';

const USAGE = 'usage: keysCli.js generate <kid> | rotate <file> <newKid> [--alg Ed25519|SM2|both] | public <file>';

/**
 * Signing key files for REPORT_SIGNING_KEYS_FILE (written to stdout; keep them out of git):
 *   node subgraphs/reports/dist/integrity/keysCli.js generate 520000-2026-01 > report-signing-keys.json
 *   node subgraphs/reports/dist/integrity/keysCli.js rotate report-signing-keys.json 520000-2027-01 > next.json
 *   node subgraphs/reports/dist/integrity/keysCli.js public report-signing-keys.json > published-keys.json
 * `generate` makes an Ed25519 key <kid> and an SM2 key <kid>-sm2. `rotate` retires the active key of
 * each algorithm it rotates (both unless --alg names one) and keeps its public part, so reports
 * signed with it stay verifiable; `--alg SM2` also gives a key file from before SM2 its first SM2 key.
 * Progress and the summary go to stderr, so stdout is the file alone.
 */
function main() {
  const args = process.argv.slice(2);
  const algIdx = args.indexOf('--alg');
  const alg = algIdx >= 0 ? args.splice(algIdx, 2)[1] : 'both';
  if (!['Ed25519', 'SM2', 'both'].includes(alg)) throw new Error(`--alg must be Ed25519, SM2 or both\n${USAGE}`);
  const [command, a, b] = args;
  let out: SigningKeyFile;
  if (command === 'generate' && a) {
    out = generateKeyFile(a);
  } else if (command === 'rotate' && a && b) {
    const current = JSON.parse(readFileSync(a, 'utf8')) as SigningKeyFile;
    out = rotateKeyFile(current, b, alg === 'both' ? undefined : (alg as SigningAlgorithm));
  } else if (command === 'public' && a) {
    const ring = keyringFrom(JSON.parse(readFileSync(a, 'utf8')) as SigningKeyFile);
    process.stdout.write(`${JSON.stringify(ring.jwks(), null, 2)}\n`);
    process.stderr.write(`public keys: ${ring.verifying.size}\n`);
    return;
  } else {
    throw new Error(USAGE);
  }
  const ring = keyringFrom(out);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(
    `keys: ${ring.verifying.size} (signing with Ed25519 ${ring.activeKid} and SM2 ${ring.activeSm2.kid})\n`,
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
