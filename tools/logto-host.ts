import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root folder. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// What a Logto core image offers a connector to import (shared/docs/logto-host.md); the
// connector must work with these and nothing else.
const hostPackages = ['@logto/connector-kit', 'zod'] as const;

const readDependencies = (packageDirectory: string): string[] => {
  const manifest: unknown = JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'));
  const names = new Set<string>();
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const entries: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, field) : undefined;
    if (typeof entries === 'object' && entries !== null) {
      for (const name of Object.keys(entries)) {
        names.add(name);
      }
    }
  }
  return [...names];
};

// Copies the host packages and everything they need from our own node_modules, so the test
// needs no network: the closure of their dependencies, as npm hoisted them here.
const copyHostModules = (targetNodeModules: string): string[] => {
  const pending: string[] = [...hostPackages];
  const copied = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop();
    if (name === undefined || copied.has(name)) {
      continue;
    }
    const source = path.join(projectRoot, 'node_modules', name);
    if (!existsSync(source)) {
      // An optional peer (ky for connector-kit's cloud client) that Logto core provides.
      continue;
    }
    copied.add(name);
    cpSync(source, path.join(targetNodeModules, name), { recursive: true, dereference: true });
    pending.push(...readDependencies(source));
  }
  return [...copied].sort();
};

/** A throw-away Logto instance folder holding the packed connector and only the host's modules. */
export type LogtoHostFolder = {
  root: string;
  connectorsDirectory: string;
  connectorDirectory: string;
  hostModules: string[];
  /** Imports a module as the host (packages/core) would resolve it. */
  importFromHost: (specifier: string) => Promise<unknown>;
  remove: () => void;
};

const readPackResult = (packOutput: string): { filename: string; name: string } => {
  const packed: unknown = JSON.parse(packOutput);
  const first: unknown = Array.isArray(packed) ? packed[0] : undefined;
  const filename: unknown = typeof first === 'object' && first !== null ? Reflect.get(first, 'filename') : undefined;
  const name: unknown = typeof first === 'object' && first !== null ? Reflect.get(first, 'name') : undefined;
  if (typeof filename !== 'string' || typeof name !== 'string') {
    throw new TypeError(`npm pack printed no filename: ${packOutput}`);
  }
  return { filename, name };
};

const packInto = (root: string): { filename: string; name: string } => {
  try {
    return readPackResult(
      execFileSync('npm', ['pack', '--json', '--pack-destination', root], {
        cwd: projectRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    );
  } catch (error: unknown) {
    // execFileSync's own message is only "Command failed"; npm's last stderr line says why.
    const stderr: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'stderr') : undefined;
    const reason = typeof stderr === 'string' ? stderr.trim().split('\n').at(-1) : undefined;
    throw new Error(`npm pack failed${reason ? `: ${reason}` : ''}`);
  }
};

/** Packs the built connector with npm and unpacks it where Logto looks for connectors. */
export const createLogtoHostFolder = (): LogtoHostFolder => {
  if (!existsSync(path.join(projectRoot, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: run `npm run build` first (npm test does).');
  }
  const root = mkdtempSync(path.join(tmpdir(), 'logto-host-'));
  const remove = () => {
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const coreDirectory = path.join(root, 'packages', 'core');
    const connectorsDirectory = path.join(coreDirectory, 'connectors');
    const nodeModules = path.join(coreDirectory, 'node_modules');
    mkdirSync(connectorsDirectory, { recursive: true });
    mkdirSync(nodeModules, { recursive: true });

    const { filename, name } = packInto(root);
    // Same layout as `logto connector add`: the tarball's package/ becomes the connector folder.
    const connectorDirectory = path.join(connectorsDirectory, name.replaceAll('/', '-'));
    mkdirSync(connectorDirectory, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(root, filename), '-C', connectorDirectory, '--strip-components=1']);

    const hostModules = copyHostModules(nodeModules);
    const hostRequire = createRequire(path.join(coreDirectory, 'index.js'));

    return {
      root,
      connectorsDirectory,
      connectorDirectory,
      hostModules,
      importFromHost: async (specifier): Promise<unknown> => {
        const module: unknown = await import(pathToFileURL(hostRequire.resolve(specifier)).href);
        return module;
      },
      remove,
    };
  } catch (error: unknown) {
    // The caller never gets remove() when set-up fails: clean up here.
    remove();
    throw error;
  }
};
