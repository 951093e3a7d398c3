import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { installHostModules } from './logto-host.js';

// A made-up node_modules: 4.7.0 under its alias with `a` nested (1.0.0) while a different
// `a` (2.0.0) is hoisted, the way npm lays out two versions of one dependency.
type Fixture = Record<string, { version: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>;

const layout: Fixture = {
  'logto-connector-kit-4': { version: '4.7.0', dependencies: { a: '^1.0.0' }, peerDependencies: { ky: '^1.2.3' } },
  'logto-connector-kit-4/node_modules/a': { version: '1.0.0', dependencies: { b: '^1.0.0' } },
  a: { version: '2.0.0' },
  b: { version: '1.0.0' },
  zod: { version: '3.24.3' },
  '@logto/connector-kit': { version: '5.1.1', dependencies: { c: '^1.0.0' } },
  c: { version: '1.0.0' },
};

let workspace: string;
let source: string;
let target: string;

const writeFixture = (fixture: Fixture): void => {
  for (const [relative, { version, ...fields }] of Object.entries(fixture)) {
    const directory = path.join(source, relative);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, 'package.json'), JSON.stringify({ name: relative, version, main: 'index.js', ...fields }));
    // Each package answers its version and the version of every dependency it resolves.
    const dependencies = Object.keys(fields.dependencies ?? {});
    writeFileSync(
      path.join(directory, 'index.js'),
      `module.exports = { version: ${JSON.stringify(version)}, uses: Object.fromEntries(${JSON.stringify(dependencies)}.map((name) => [name, require(name).version])) };`
    );
  }
};

// What a package copied into the host resolves, read by loading it with Node's require.
const loadedInTarget = (installedPath: string): unknown => createRequire(path.join(target, 'index.js'))(installedPath);

beforeEach(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'logto-host-test-'));
  source = path.join(workspace, 'source', 'node_modules');
  target = path.join(workspace, 'host', 'node_modules');
  mkdirSync(target, { recursive: true });
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

describe('installHostModules', () => {
  it('installs the 4.7 alias as @logto/connector-kit with the dependency versions it resolves, nested or hoisted', () => {
    writeFixture(layout);

    const installed = installHostModules('4.7', target, source);

    expect(installed).toEqual(['@logto/connector-kit', '@logto/connector-kit/node_modules/a', 'b', 'zod']);
    expect(loadedInTarget('@logto/connector-kit')).toEqual({ version: '4.7.0', uses: { a: '1.0.0' } });
    expect(loadedInTarget('@logto/connector-kit/node_modules/a')).toEqual({ version: '1.0.0', uses: { b: '1.0.0' } });
    expect(readdirSync(target)).not.toContain('a');
    expect(readdirSync(target)).not.toContain('logto-connector-kit-4');
  });

  it('installs 5.x under its own name with its own closure, leaving the 4.7 alias out', () => {
    writeFixture(layout);

    expect(installHostModules('5', target, source)).toEqual(['@logto/connector-kit', 'c', 'zod']);
    expect(loadedInTarget('@logto/connector-kit')).toEqual({ version: '5.1.1', uses: { c: '1.0.0' } });
    expect(readdirSync(target)).not.toContain('logto-connector-kit-4');
  });

  it('copies an installed peer along, so the host offers it as Logto core does', () => {
    writeFixture({ ...layout, ky: { version: '1.2.3' } });

    expect(installHostModules('4.7', target, source)).toContain('ky');
  });

  it('refuses a closure missing a required dependency, naming it', () => {
    writeFixture({ ...layout, b: { version: '1.0.0', dependencies: { 'not-installed': '^1.0.0' } } });

    expect(() => installHostModules('4.7', target, source)).toThrow(/needs not-installed, which is not installed/);
  });

  it('refuses two packages that would land on one path, rather than silently keeping one', () => {
    // 4.7.0 needing the hoisted 5.x copy: both would become packages/core's @logto/connector-kit.
    writeFixture({ ...layout, 'logto-connector-kit-4': { version: '4.7.0', dependencies: { '@logto/connector-kit': '^5.0.0' } } });

    expect(() => installHostModules('4.7', target, source)).toThrow(/would be installed as @logto\/connector-kit in the 4\.7 host/);
  });

  it('refuses a line that is not installed', () => {
    writeFixture(Object.fromEntries(Object.entries(layout).filter(([relative]) => !relative.startsWith('logto-connector-kit-4'))));

    expect(() => installHostModules('4.7', target, source)).toThrow(/connector-kit 4\.7 is not installed/);
  });
});
