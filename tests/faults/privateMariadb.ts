import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../production/support';

/**
 * A MariaDB server of the test's own (mariadbd on a free port, its data in a temporary folder), for
 * tests that kill the database: the shared server on 3306 runs every other test and helper.
 */
export interface PrivateMariadb {
  port: number;
  /** A DB_URL on this server for the given database name prefix. */
  url(name: string): string;
  /** SIGKILL, as a crashed or OOM-killed server; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same data and port; resolves once it answers. */
  start(): Promise<void>;
  /** Kills it if running and removes its data. */
  remove(): Promise<void>;
}

const INSTALL = 'mariadb-install-db';
const SERVER = '/usr/sbin/mariadbd';

export async function privateMariadb(): Promise<PrivateMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'credit-mariadb-'));
  const data = join(dir, 'data');
  // --no-defaults: the machine's my.cnf (user=mysql, its datadir and socket) is the shared server's.
  const installed = spawnSync(
    INSTALL,
    ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root'],
    { encoding: 'utf8' },
  );
  if (installed.error || installed.status !== 0)
    throw new Error(
      `${INSTALL} failed (apt-get install -y mariadb-server): ${installed.error?.message ?? installed.stderr}`,
    );
  const port = await freePort();
  let server: ChildProcess | undefined;
  let log = '';
  const ping = () =>
    spawnSync('mysqladmin', ['--no-defaults', '--protocol=tcp', '-h127.0.0.1', `-P${port}`, '-uroot', 'ping'], {
      encoding: 'utf8',
    }).status === 0;
  const db: PrivateMariadb = {
    port,
    url: (name) => `mysql://root@127.0.0.1:${port}/${name}`,
    async kill() {
      const s = server;
      if (!s || s.exitCode !== null || s.signalCode !== null) return;
      const gone = new Promise((r) => s.once('exit', r));
      s.kill('SIGKILL');
      await gone;
    },
    async start() {
      log = '';
      const s = spawn(
        SERVER,
        [
          '--no-defaults',
          `--datadir=${data}`,
          `--port=${port}`,
          '--bind-address=127.0.0.1',
          `--socket=${join(dir, 'mariadb.sock')}`,
          `--pid-file=${join(dir, 'mariadb.pid')}`,
          '--user=root',
          '--innodb-buffer-pool-size=64M',
          '--max-connections=200',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      s.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      server = s;
      while (!ping()) {
        if (s.exitCode !== null) throw new Error(`mariadbd exited ${s.exitCode}:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async remove() {
      await db.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await db.start();
  return db;
}
