// A private Redis server for tests: Debian's redis-server on a free loopback port, its data in a
// temporary folder, its password given on stdin (never in the process list). .ci/run installs
// the package on a clean machine; locally: apt-get install -y redis-server.
import { spawn, type ChildProcess } from 'node:child_process';
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

/** Starts a private Redis with a password; fails within 10 s if it does not listen. */
export const startRedisServer = async (password: string): Promise<RedisServer> => {
  const binary = redisServerBinary();
  if (binary === undefined) {
    throw new Error('redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does so on CI).');
  }
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
