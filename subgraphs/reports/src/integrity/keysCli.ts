import { readFileSync } from 'node:fs';
import { generateKeyFile, generateSigningJwk, keyringFrom, type SigningKeyFile } from './signingKeys';

/**
 * Signing key files for REPORT_SIGNING_KEYS_FILE (written to stdout; keep them out of git):
 *   node subgraphs/reports/dist/integrity/keysCli.js generate 520000-2026-01 > report-signing-keys.json
 *   node subgraphs/reports/dist/integrity/keysCli.js rotate report-signing-keys.json 520000-2027-01 > next.json
 * Rotation keeps every old key (public part only) so reports signed with it stay verifiable.
 */
function main() {
  const [command, a, b] = process.argv.slice(2);
  let out: SigningKeyFile;
  if (command === 'generate' && a) {
    out = generateKeyFile(a);
  } else if (command === 'rotate' && a && b) {
    const current = JSON.parse(readFileSync(a, 'utf8')) as SigningKeyFile;
    if (current.keys.some((k) => k.kid === b)) throw new Error(`kid ${b} is already in ${a}`);
    const retired = current.keys.map(({ d: _d, ...publicPart }) => publicPart);
    out = { activeKid: b, codeSecret: current.codeSecret, keys: [...retired, generateSigningJwk(b)] };
  } else {
    throw new Error('usage: keysCli.js generate <kid> | rotate <file> <newKid>');
  }
  keyringFrom(out);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
