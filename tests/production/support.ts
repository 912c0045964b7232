import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signWithPrivateKey, type TokenClaims } from '@credit/shared';

export const root = resolve(__dirname, '../..');

/** The built entry point of a service; these tests run what `node …/dist/main.js` runs (CI builds first). */
export function mainOf(service: string): string {
  const file = join(root, service === 'gateway' ? 'gateway' : `subgraphs/${service}`, 'dist/main.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm build first`);
  return file;
}

/** An identity provider of our own: an Ed25519 key pair, the public half written where JWT_PUBLIC_KEY_FILE points. */
export function identityProvider() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const dir = mkdtempSync(join(tmpdir(), 'credit-idp-'));
  const publicKeyFile = join(dir, 'jwt-public.pem');
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    dir,
    publicKeyFile,
    privateKey: privateKey as KeyObject,
    sign: (claims: TokenClaims, expiresIn: string | number = '1h') =>
      signWithPrivateKey(claims, { issuer: 'gz-credit-platform', audience: 'gz-credit-graph' }, privateKey, expiresIn),
  };
}

export interface Exited {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs a process with exactly `env` (plus PATH) and collects what it printed until it exits. */
export function runToExit(file: string, env: Record<string, string>, args: string[] = []): Promise<Exited> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stderr, stdout }));
  });
}

export function spawnService(file: string, env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [file], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return Object.assign(child, { output: () => output });
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Polls `url` until it answers `status`; fails as soon as the process dies (no wall-clock limit). */
export async function waitForStatus(url: string, status: number, child?: ChildProcess, output?: () => string) {
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited ${child.exitCode}: ${output?.()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === status) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
