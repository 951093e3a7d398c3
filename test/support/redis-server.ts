// A private Redis server for tests: Debian's redis-server on a free loopback port, its data in a
// temporary folder, its password given on stdin (never in the process list). On a clean machine
// where the tests run as root (CI, a fresh container) the package is installed on first use, so
// that `npm test` alone sets up what it needs; elsewhere: apt-get install -y redis-server.
import { execFileSync, spawn, type ChildProcess, type ExecFileSyncOptions } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { closedLoopbackPort } from './ports.js';

/** A running private Redis. */
export type RedisServer = {
  url: string;
  port: number;
  password: string;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill: () => Promise<void>;
  /** Stops it and removes its folder. */
  stop: () => Promise<void>;
};

const searchPath = (): string[] => [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];

/** Where redis-server is installed, or undefined. */
export const redisServerBinary = (): string | undefined =>
  searchPath()
    .map((folder) => path.join(folder, 'redis-server'))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });

const sleep = async (milliseconds: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, milliseconds);
  });

const answers = async (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

const exited = async (child: ChildProcess, boundMs: number): Promise<boolean> => {
  if (child.exitCode !== null || child.signalCode !== null) {
    return true;
  }
  return Promise.race([
    new Promise<boolean>((resolve) => child.once('exit', () => {
      resolve(true);
    })),
    sleep(boundMs).then(() => false),
  ]);
};

// Debian's package, installed without questions; bounded so a stuck mirror fails the run
// rather than hanging it.
const installRedisServer = (): void => {
  const options: ExecFileSyncOptions = { stdio: 'ignore', timeout: 240_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update', '-qq'], options);
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], options);
};

/** Where redis-server is, installing Debian's package first when it is missing and the tests run as root. */
export const ensureRedisServer = (): string => {
  const installed = redisServerBinary();
  if (installed !== undefined) {
    return installed;
  }
  if (process.getuid?.() === 0) {
    installRedisServer();
  }
  const binary = redisServerBinary();
  if (binary === undefined) {
    throw new Error('redis-server is not installed and could not be installed: run `apt-get install -y redis-server` as root.');
  }
  return binary;
};

/** Starts a private Redis with a password; fails within 10 s if it does not listen. */
export const startRedisServer = async (password: string): Promise<RedisServer> => {
  const binary = ensureRedisServer();
  const port = await closedLoopbackPort();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'connector-redis-'));
  // "-" makes redis-server read its configuration from stdin.
  const child = spawn(binary, ['-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.stdin.end(
    [`port ${port}`, 'bind 127.0.0.1', `dir ${folder}`, 'save ""', 'appendonly no', 'daemonize no', `requirepass ${password}`, 'logfile ""', ''].join('\n')
  );
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}: ${errors.replaceAll(password, '***').slice(0, 500)}`);
    }
    await sleep(50);
  }
  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child, 5000);
  };
  return {
    url: `redis://:${password}@127.0.0.1:${port}/0`,
    port,
    password,
    kill,
    stop: async () => {
      child.kill('SIGTERM');
      if (!(await exited(child, 5000))) {
        await kill();
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
};
