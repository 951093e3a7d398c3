import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root folder. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const projectNodeModules = path.join(projectRoot, 'node_modules');
const connectorKit = '@logto/connector-kit';

/** The connector-kit a Logto release runs: 1.35–1.37 ship 4.7.0, 1.38 and later ship 5.x. */
export type ConnectorKitLine = '4.7' | '5';

/** Both lines, oldest first, for tests that run on every host Logto ships. */
export const connectorKitLines: readonly ConnectorKitLine[] = ['4.7', '5'];

// Where each line sits in our node_modules: 4.7.0 under the alias package.json installs it
// as (two versions cannot share one name), 5.x under its own name.
const connectorKitSources: Record<ConnectorKitLine, string> = { '4.7': 'logto-connector-kit-4', '5': connectorKit };

const isOnLine = (version: string, line: ConnectorKitLine): boolean => version.startsWith(`${line}.`);

const readManifest = (packageDirectory: string): unknown =>
  JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'));

const fieldOf = (value: unknown, field: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, field) : undefined;

const namesIn = (manifest: unknown, fields: readonly string[]): string[] =>
  fields.flatMap((field) => {
    const entries = fieldOf(manifest, field);
    return typeof entries === 'object' && entries !== null ? Object.keys(entries) : [];
  });

const versionIn = (packageDirectory: string): string => {
  const version = fieldOf(readManifest(packageDirectory), 'version');
  if (typeof version !== 'string') {
    throw new TypeError(`${packageDirectory}/package.json has no version`);
  }
  return version;
};

const isWithin = (directory: string, root: string): boolean => {
  const relative = path.relative(root, directory);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

// Node's own lookup order for a bare name (nested node_modules first, then each parent's),
// read from resolve.paths rather than resolve(): some packages export no ./package.json.
// Only folders inside `root` count, so a stray /tmp/node_modules cannot stand in for a module.
const findPackage = (fromFile: string, name: string, root: string): string | undefined =>
  (createRequire(fromFile).resolve.paths(name) ?? [])
    .filter((lookup) => isWithin(lookup, root))
    .map((lookup) => path.join(lookup, name))
    .find((candidate) => existsSync(path.join(candidate, 'package.json')));

/** One package the host folder received: where it came from and where it went. */
type HostModule = { source: string; target: string };

// The installed name of a folder under the source node_modules, with the alias of the chosen
// connector-kit line (and whatever is nested inside it) renamed to @logto/connector-kit.
const installedPathOf = (relative: string, kitSource: string): string =>
  relative === kitSource || relative.startsWith(`${kitSource}${path.sep}`)
    ? `${connectorKit}${relative.slice(kitSource.length)}`
    : relative;

// The host's packages and everything they need, each found from the folder of the package
// that needs it (so a dependency nested under the 4.7 alias wins over a hoisted one), and
// given the same relative place, so that Node resolves the copy as it resolves the original.
const collectHostModules = (line: ConnectorKitLine, sourceNodeModules: string): HostModule[] => {
  const kitSource = path.join(sourceNodeModules, connectorKitSources[line]);
  if (!existsSync(path.join(kitSource, 'package.json'))) {
    throw new Error(`connector-kit ${line} is not installed at ${kitSource}`);
  }
  const pending = [kitSource, path.join(sourceNodeModules, 'zod')];
  const byTarget = new Map<string, string>();
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    const target = installedPathOf(path.relative(sourceNodeModules, source), connectorKitSources[line]);
    const earlier = byTarget.get(target);
    if (earlier === source) {
      continue;
    }
    if (earlier !== undefined) {
      throw new Error(`both ${earlier} and ${source} would be installed as ${target} in the ${line} host`);
    }
    byTarget.set(target, source);
    const manifest = readManifest(source);
    const lookupFrom = path.join(source, 'package.json');
    for (const name of namesIn(manifest, ['dependencies'])) {
      const found = findPackage(lookupFrom, name, sourceNodeModules);
      if (found === undefined) {
        throw new Error(`${source} needs ${name}, which is not installed`);
      }
      pending.push(found);
    }
    // An optional dependency or a peer (ky, for connector-kit's cloud client) that is not
    // installed here is one Logto core either provides or does without.
    for (const name of namesIn(manifest, ['optionalDependencies', 'peerDependencies'])) {
      const found = findPackage(lookupFrom, name, sourceNodeModules);
      if (found !== undefined) {
        pending.push(found);
      }
    }
  }
  return [...byTarget].map(([target, source]) => ({ source, target }));
};

/**
 * Copies one connector-kit line (as `@logto/connector-kit`), zod and their dependency closure
 * from `sourceNodeModules` into `targetNodeModules`; returns the installed paths, sorted.
 */
export const installHostModules = (
  line: ConnectorKitLine,
  targetNodeModules: string,
  sourceNodeModules: string = projectNodeModules
): string[] => {
  const modules = collectHostModules(line, sourceNodeModules);
  for (const { source, target } of modules) {
    // Nested node_modules are copied as closure members of their own, or not at all.
    const nested = path.join(source, 'node_modules');
    cpSync(source, path.join(targetNodeModules, target), {
      recursive: true,
      dereference: true,
      filter: (entry) => entry !== nested,
    });
  }
  return modules.map(({ target }) => target.split(path.sep).join('/')).sort();
};

/** A connector tarball made by `npm pack`, to unpack into one or more host folders. */
export type PackedConnector = {
  tarball: string;
  /** The package name from package.json, which names the connector folder. */
  name: string;
  remove: () => void;
};

const readPackResult = (packOutput: string): { filename: string; name: string } => {
  const packed: unknown = JSON.parse(packOutput);
  const first: unknown = Array.isArray(packed) ? packed[0] : undefined;
  const filename = fieldOf(first, 'filename');
  const name = fieldOf(first, 'name');
  if (typeof filename !== 'string' || typeof name !== 'string') {
    throw new TypeError(`npm pack printed no filename: ${packOutput}`);
  }
  return { filename, name };
};

const runPack = (destination: string): { filename: string; name: string } => {
  try {
    return readPackResult(
      execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
        cwd: projectRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    );
  } catch (error: unknown) {
    // execFileSync's own message is only "Command failed"; npm's last stderr line says why.
    const stderr = fieldOf(error, 'stderr');
    const reason = typeof stderr === 'string' ? stderr.trim().split('\n').at(-1) : undefined;
    throw new Error(`npm pack failed${reason ? `: ${reason}` : ''}`);
  }
};

/** Packs the built connector with npm, once, for any number of host folders. */
export const packConnector = (): PackedConnector => {
  if (!existsSync(path.join(projectRoot, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: run `npm run build` first (npm test does).');
  }
  const directory = mkdtempSync(path.join(tmpdir(), 'logto-pack-'));
  const remove = () => {
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const { filename, name } = runPack(directory);
    return { tarball: path.join(directory, filename), name, remove };
  } catch (error: unknown) {
    remove();
    throw error;
  }
};

/** A throw-away Logto instance folder holding the packed connector and only the host's modules. */
export type LogtoHostFolder = {
  root: string;
  connectorsDirectory: string;
  connectorDirectory: string;
  /** Installed paths under packages/core/node_modules, e.g. `@logto/connector-kit`, `zod`. */
  hostModules: string[];
  connectorKitLine: ConnectorKitLine;
  /** The version of the connector-kit that the connector's lib/index.js finds. */
  connectorKitVersion: string;
  /** The file a bare specifier resolves to from the connector's lib/index.js. */
  resolveFromConnector: (specifier: string) => string;
  /** Imports a module as the host (packages/core) would resolve it. */
  importFromHost: (specifier: string) => Promise<unknown>;
  remove: () => void;
};

/** Which connector-kit the host runs (default 5), and a tarball to reuse (default: pack anew). */
export type LogtoHostOptions = { connectorKit?: ConnectorKitLine; packed?: PackedConnector };

const unpackInto = (packed: PackedConnector, connectorsDirectory: string): string => {
  // Same layout as `logto connector add`: the tarball's package/ becomes the connector folder.
  const connectorDirectory = path.join(connectorsDirectory, packed.name.replaceAll('/', '-'));
  mkdirSync(connectorDirectory, { recursive: true });
  execFileSync('tar', ['-xzf', packed.tarball, '-C', connectorDirectory, '--strip-components=1']);
  return connectorDirectory;
};

// Reads the version from the folder the connector itself resolves, not from where we put
// it, so a lookup escaping the host (or a mis-renamed alias) cannot go unnoticed.
const connectorKitVersionSeenBy = (connectorDirectory: string, root: string, line: ConnectorKitLine): string => {
  const found = findPackage(path.join(connectorDirectory, 'lib', 'index.js'), connectorKit, root);
  if (found === undefined) {
    throw new Error(`the connector in ${connectorDirectory} finds no ${connectorKit} inside ${root}`);
  }
  const version = versionIn(found);
  if (!isOnLine(version, line)) {
    throw new Error(`the ${line} host offers ${connectorKit} ${version}`);
  }
  return version;
};

/** Unpacks the connector where Logto looks for connectors, beside one connector-kit line's host modules. */
export const createLogtoHostFolder = ({ connectorKit: line = '5', packed }: LogtoHostOptions = {}): LogtoHostFolder => {
  const tarball = packed ?? packConnector();
  const root = mkdtempSync(path.join(tmpdir(), `logto-host-${line}-`));
  const remove = () => {
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const coreDirectory = path.join(root, 'packages', 'core');
    const connectorsDirectory = path.join(coreDirectory, 'connectors');
    const nodeModules = path.join(coreDirectory, 'node_modules');
    mkdirSync(connectorsDirectory, { recursive: true });
    mkdirSync(nodeModules, { recursive: true });

    const connectorDirectory = unpackInto(tarball, connectorsDirectory);
    const hostModules = installHostModules(line, nodeModules);
    const hostRequire = createRequire(path.join(coreDirectory, 'index.js'));
    const connectorRequire = createRequire(path.join(connectorDirectory, 'lib', 'index.js'));

    return {
      root,
      connectorsDirectory,
      connectorDirectory,
      hostModules,
      connectorKitLine: line,
      connectorKitVersion: connectorKitVersionSeenBy(connectorDirectory, root, line),
      resolveFromConnector: (specifier) => connectorRequire.resolve(specifier),
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
  } finally {
    if (tarball !== packed) {
      tarball.remove();
    }
  }
};
