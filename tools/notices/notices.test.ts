import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { BundleMetafile } from './bundled-packages.js';
import { makeFakeProject, type FakePackage, type FakeProject } from './fake-project.js';
import { buildNotices, writeNotices } from './notices.js';

let project: FakeProject | undefined;

afterEach(() => {
  project?.remove();
  project = undefined;
});

const mitText = (holder: string) => `MIT License\n\nCopyright (c) ${holder}\n\nPermission is hereby granted, free of charge…`;

const installed = (name: string, version: string, license: unknown, files: Record<string, string> = { LICENSE: mitText(name) }): FakePackage => ({
  manifest: { name, version, license, author: `${name}'s author` },
  files,
});

// A metafile in which every input put some bytes into lib/index.js.
const bundling = (...inputs: string[]): BundleMetafile => ({
  outputs: { 'lib/index.js': { inputs: Object.fromEntries(inputs.map((input) => [input, { bytesInOutput: 7 }])) } },
});

// A fake project, removed after the test; answers its root.
const projectWith = (packages: Record<string, FakePackage>): string => {
  project = makeFakeProject(packages);
  return project.root;
};

describe('buildNotices', () => {
  it('lists the bundled packages, and only those, with their licence texts', () => {
    const root = projectWith({
      got: installed('got', '14.6.6', 'MIT'),
      'http-cache-semantics': installed('http-cache-semantics', '4.3.0', 'BSD-2-Clause', { LICENSE: 'Copyright 2016-2018 Kornel\n\nRedistribution…' }),
      'not-bundled': installed('not-bundled', '1.0.0', 'MIT'),
    });

    const { text, entries } = buildNotices(
      bundling('src/index.ts', 'node_modules/got/dist/source/index.js', 'node_modules/http-cache-semantics/index.js'),
      root
    );

    expect(entries.map(({ name, version, licence }) => `${name}@${version} ${licence}`).sort()).toEqual([
      'got@14.6.6 MIT',
      'http-cache-semantics@4.3.0 BSD-2-Clause',
    ]);
    expect(text).toContain('connector-under-test 9.8.7');
    expect(text).toContain(mitText('got'));
    expect(text).toContain('Copyright 2016-2018 Kornel\n\nRedistribution…');
    expect(text).not.toContain('not-bundled');
  });

  it('refuses, naming every package at fault, when bundled licences are not allowed or not declared', () => {
    const root = projectWith({
      fine: installed('fine', '1.0.0', 'MIT'),
      copyleft: installed('copyleft', '2.0.0', 'GPL-3.0-only'),
      'fine/node_modules/silent': installed('silent', '3.0.0', undefined),
    });

    const build = () => buildNotices(bundling('node_modules/fine/a.js', 'node_modules/copyleft/a.js', 'node_modules/fine/node_modules/silent/a.js'), root);

    expect(build).toThrow(/copyleft@2\.0\.0 \(node_modules[\\/]copyleft\): "GPL-3\.0-only" is not among the allowed licences/);
    expect(build).toThrow(/silent@3\.0\.0 \(node_modules[\\/]fine[\\/]node_modules[\\/]silent\): package\.json declares no licence/);
    expect(build).not.toThrow(/fine@1\.0\.0/);
  });

  it('lists two versions of one package apart, and two installed copies of one version once', () => {
    const root = projectWith({
      keyv: installed('keyv', '4.5.4', 'MIT'),
      'a/node_modules/keyv': installed('keyv', '5.6.0', 'MIT'),
      'b/node_modules/keyv': installed('keyv', '5.6.0', 'MIT'),
    });
    const metafile: BundleMetafile = {
      outputs: {
        'lib/index.js': { inputs: { 'node_modules/keyv/index.js': { bytesInOutput: 1 }, 'node_modules/a/node_modules/keyv/index.js': { bytesInOutput: 1 } } },
        'lib/cli.js': { inputs: { 'node_modules/b/node_modules/keyv/index.js': { bytesInOutput: 1 } } },
      },
    };

    const { entries, text } = buildNotices(metafile, root);

    expect(entries.map(({ version, bundles }) => `${version}: ${bundles.join(' ')}`).sort()).toEqual(['4.5.4: lib/index.js', '5.6.0: lib/cli.js lib/index.js']);
    expect(text.split('\nkeyv 5.6.0\n')).toHaveLength(2);
  });

  it('reports modules a plugin made up, which it leaves out of the list', () => {
    const root = projectWith({});

    expect(buildNotices(bundling('silenced-debug:debug'), root)).toMatchObject({ entries: [], virtualModules: ['silenced-debug:debug'] });
  });

  it('gives the same text whatever order the metafile lists its inputs in', () => {
    const root = projectWith({ a: installed('a', '1.0.0', 'MIT'), b: installed('b', '1.0.0', 'ISC'), c: installed('c', '1.0.0', 'Apache-2.0') });
    const inputs = ['node_modules/a/i.js', 'node_modules/b/i.js', 'node_modules/c/i.js'];

    expect(buildNotices(bundling(...[...inputs].reverse()), root).text).toBe(buildNotices(bundling(...inputs), root).text);
  });
});

describe('writeNotices', () => {
  it('writes the notices to the file named, relative to the root, creating its folder', () => {
    const root = projectWith({ got: installed('got', '14.6.6', 'MIT') });

    const notices = writeNotices(bundling('node_modules/got/index.js'), root, 'lib/THIRD_PARTY_NOTICES.txt');

    expect(readFileSync(path.join(root, 'lib', 'THIRD_PARTY_NOTICES.txt'), 'utf8')).toBe(notices.text);
  });

  it('writes nothing when a licence is refused', () => {
    const root = projectWith({ copyleft: installed('copyleft', '2.0.0', 'GPL-3.0-only') });

    expect(() => writeNotices(bundling('node_modules/copyleft/index.js'), root, 'lib/NOTICES.txt')).toThrow(/copyleft/);
    expect(existsSync(path.join(root, 'lib', 'NOTICES.txt'))).toBe(false);
  });
});
