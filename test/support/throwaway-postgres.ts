/**
 * A throwaway PostgreSQL server for tests: initdb into a temporary directory, start it on a free 127.0.0.1 port,
 * create a database, hand out its URL; `stop()` shuts the server down and removes the directory. The binaries come
 * from the Debian/Ubuntu package (/usr/lib/postgresql/<version>/bin, installed by .ci/run) or from PATH.
 *
 * PostgreSQL refuses to run as root, so when the tests run as root (CI containers) every server command runs as the
 * `postgres` system user (created by the Debian package) through runuser, and the temporary directory is handed to
 * that user. The server trusts every local connection: it lives only as long as the test file, on loopback.
 *
 * Also runnable by hand: `node bin/run-ts.mjs test/support/throwaway-postgres.ts` prints a URL and keeps the server
 * until Ctrl-C.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const SUPERUSER = 'shopmate';

export interface ThrowawayPostgres {
  /** URL of the database created at start (`shopmate`). */
  url: string;
  /** Creates another empty database and returns its URL (one per test keeps tests independent and fast). */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (immediate shutdown: nothing in it is worth keeping) and deletes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** The directory holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function findPostgresBinaries(): string | null {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => join(debian, v, 'bin'))
    : [];
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...versions, ...path].find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)))) ?? null;
}

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailableReason(): string | null {
  return findPostgresBinaries() === null
    ? 'no PostgreSQL binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/*/bin or on PATH; install the postgresql package (.ci/run does)'
    : null;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBinaries();
  if (bin === null) throw new Error(postgresUnavailableReason()!);
  const dir = mkdtempSync(join(tmpdir(), 'shopmate-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  // Commands run as the postgres user when we are root; argv arrays throughout, so no shell quoting.
  const cmd = (file: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, file), ...args]) : run(join(bin, file), args));
  const pgCtl = (args: string[]) => cmd('pg_ctl', ['-D', data, ...args]);

  let started = false;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const stopSync = () => {
    if (started) {
      const argv = ['-D', data, 'stop', '-m', 'immediate', '-w'];
      if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...argv], { stdio: 'ignore' });
      else spawnSync(join(bin, 'pg_ctl'), argv, { stdio: 'ignore' });
      started = false;
    }
    removeDir();
  };
  // A crashed test run must not leave a server behind.
  process.once('exit', stopSync);

  try {
    await cmd('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    // Speed over durability: the data dies with the test run anyway.
    appendFileSync(join(data, 'postgresql.conf'), [
      '', "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`, 'fsync = off', 'synchronous_commit = off',
      'full_page_writes = off', 'max_connections = 200', 'shared_buffers = 32MB', '',
    ].join('\n'));
    const port = await startOnFreePort(pgCtl, join(dir, 'server.log'));
    started = true;
    const urlFor = (db: string) => `postgresql://${SUPERUSER}@127.0.0.1:${port}/${db}`;
    const createDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    };
    const url = await createDatabase('shopmate');
    return {
      url,
      createDatabase,
      async stop() {
        process.removeListener('exit', stopSync);
        if (started) await pgCtl(['stop', '-m', 'immediate', '-w']).catch(() => undefined);
        started = false;
        removeDir();
      },
    };
  } catch (e) {
    process.removeListener('exit', stopSync);
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
    stopSync();
    throw new Error(`could not start a throwaway PostgreSQL: ${(e as Error).message}${log ? `\nserver log:\n${log}` : ''}`, { cause: e });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => {
    const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as (the postgresql package creates it)');
    return Number(r.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Another process may take the port between probing and binding it, so a failed start is tried on a new port. */
async function startOnFreePort(pgCtl: (args: string[]) => Promise<unknown>, logFile: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      await pgCtl(['start', '-w', '-t', '60', '-l', logFile, '-o', `-p ${port}`]);
      return port;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

if (process.argv[1]?.endsWith('throwaway-postgres.ts')) {
  const server = await startThrowawayPostgres();
  console.log(server.url);
  // Nothing else keeps the process (and so the server, stopped on exit) alive until Ctrl-C.
  const alive = setInterval(() => undefined, 60_000);
  const stop = () => {
    clearInterval(alive);
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
