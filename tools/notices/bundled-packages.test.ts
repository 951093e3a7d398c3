import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { bundleContents, type BundleMetafile } from './bundled-packages.js';

const root = path.resolve('/project');

// A metafile whose outputs each list inputs with the bytes they put into that output.
const metafileOf = (outputs: Record<string, Record<string, number>>): BundleMetafile => ({
  outputs: Object.fromEntries(
    Object.entries(outputs).map(([output, inputs]) => [
      output,
      { inputs: Object.fromEntries(Object.entries(inputs).map(([input, bytesInOutput]) => [input, { bytesInOutput }])) },
    ])
  ),
});

const directories = (metafile: BundleMetafile): string[] =>
  bundleContents(metafile, root).packages.map(({ directory }) => path.relative(root, directory).split(path.sep).join('/'));

describe('bundleContents', () => {
  it('names the package folder of every bundled file: plain, scoped and nested copies, each once', () => {
    const metafile = metafileOf({
      'lib/index.js': {
        'src/index.ts': 500,
        'node_modules/got/dist/source/index.js': 10,
        'node_modules/got/dist/source/core/index.js': 10,
        'node_modules/@alicloud/credentials/dist/src/providers/default.js': 10,
        'node_modules/cacheable-request/node_modules/keyv/dist/index.js': 10,
      },
    });

    expect(directories(metafile)).toEqual([
      'node_modules/@alicloud/credentials',
      'node_modules/cacheable-request/node_modules/keyv',
      'node_modules/got',
    ]);
  });

  it('leaves out our own sources and files that sit loose in node_modules', () => {
    const metafile = metafileOf({ 'lib/index.js': { 'src/index.ts': 5, 'tools/x.ts': 5, 'node_modules/stray.js': 5 } });

    expect(bundleContents(metafile, root)).toEqual({ packages: [], virtualModules: [] });
  });

  it('leaves out a package whose every module tree shaking emptied, and keeps one with any byte left', () => {
    const metafile = metafileOf({
      'lib/index.js': {
        'node_modules/emptied/index.js': 0,
        'node_modules/emptied/util.js': 0,
        'node_modules/kept/index.js': 0,
        'node_modules/kept/used.js': 1,
      },
    });

    expect(directories(metafile)).toEqual(['node_modules/kept']);
  });

  it('says which outputs hold each package, sorted', () => {
    const metafile = metafileOf({
      'lib/index.js': { 'node_modules/both/index.js': 3, 'node_modules/only-index/index.js': 3 },
      'lib/cli.js': { 'node_modules/both/index.js': 3, 'node_modules/only-index/index.js': 0 },
    });

    expect(bundleContents(metafile, root).packages.map(({ bundles }) => bundles)).toEqual([['lib/cli.js', 'lib/index.js'], ['lib/index.js']]);
  });

  it('reports modules from a plugin namespace apart, as no package', () => {
    const metafile = metafileOf({
      'lib/index.js': { 'silenced-debug:debug': 121, 'node_modules/debug/src/index.js': 0 },
      'lib/cli.js': { 'silenced-debug:debug': 121 },
    });

    expect(bundleContents(metafile, root)).toEqual({ packages: [], virtualModules: ['silenced-debug:debug'] });
  });

  it('resolves folders from the working folder, also through a node_modules outside it', () => {
    const metafile = metafileOf({ 'lib/index.js': { '../main/node_modules/got/dist/source/index.js': 1 } });

    expect(bundleContents(metafile, root).packages).toEqual([
      { directory: path.resolve(root, '../main/node_modules/got'), bundles: ['lib/index.js'] },
    ]);
  });
});
