import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { makeFakeProject, type FakeProject } from './fake-project.js';
import { thirdPartyNotices, type NoticesHook } from './tsup-hook.js';

let project: FakeProject | undefined;
let log: MockInstance<typeof console.log>;

beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  project?.remove();
  project = undefined;
  log.mockRestore();
});

// A project whose entry uses `used`, imports `shaken` without using it (side-effect free, so
// esbuild drops it) and never mentions `unrelated`.
const projectUsing = (usedLicence: string): string => {
  project = makeFakeProject(
    {
      used: { manifest: { name: 'used', version: '1.2.0', license: usedLicence, main: 'index.js' }, files: { 'index.js': 'exports.greet = () => "hi";', LICENSE: 'Used licence text' } },
      shaken: { manifest: { name: 'shaken', version: '1.0.0', license: 'GPL-3.0-only', main: 'index.js', sideEffects: false }, files: { 'index.js': 'export const unused = 1;' } },
      unrelated: { manifest: { name: 'unrelated', version: '1.0.0', license: 'MIT' } },
    },
    { 'src/index.js': "import { greet } from 'used';\nimport { unused } from 'shaken';\nexport const hello = greet();\n" }
  );
  return project.root;
};

const bundleWith = async (hook: NoticesHook, root: string): Promise<void> => {
  await build({
    absWorkingDir: root,
    entryPoints: { index: 'src/index.js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outdir: 'lib',
    write: false,
    logLevel: 'silent',
    plugins: [hook.collect],
  });
};

describe('thirdPartyNotices', () => {
  it('writes, after a real esbuild bundle, the notices for the packages whose code it holds', async () => {
    const root = projectUsing('MIT');
    const hook = thirdPartyNotices('lib/THIRD_PARTY_NOTICES.txt', root);

    await bundleWith(hook, root);
    await hook.write();

    const text = readFileSync(path.join(root, 'lib', 'THIRD_PARTY_NOTICES.txt'), 'utf8');
    expect(text).toContain('\nused 1.2.0\nLicence: MIT\nBundled in: lib/index.js\n');
    expect(text).toContain('Used licence text');
    expect(text).not.toContain('shaken');
    expect(text).not.toContain('unrelated');
  });

  it('logs one line: the file, the count by licence, and who ships no licence file', async () => {
    const root = projectUsing('ISC');
    const hook = thirdPartyNotices('lib/NOTICES.txt', root);

    await bundleWith(hook, root);
    await hook.write();

    expect(log.mock.calls).toEqual([['lib/NOTICES.txt: 1 bundled packages (ISC 1)']]);
  });

  it('names in its log line the packages that ship no licence file and the modules no package gave', async () => {
    project = makeFakeProject(
      { bare: { manifest: { name: 'bare', version: '2.0.0', license: 'MIT', main: 'index.js' }, files: { 'index.js': 'exports.x = 1;' } } },
      { 'src/index.js': "import { x } from 'bare';\nimport { y } from 'made-up';\nexport const z = x + y;\n" }
    );
    const hook = thirdPartyNotices('lib/NOTICES.txt', project.root);
    const madeUp: NonNullable<Parameters<typeof build>[0]['plugins']>[number] = {
      name: 'made-up',
      setup(esbuild) {
        esbuild.onResolve({ filter: /^made-up$/ }, () => ({ path: 'made-up', namespace: 'stand-in' }));
        esbuild.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({ contents: 'export const y = 2;' }));
      },
    };

    await build({ absWorkingDir: project.root, entryPoints: ['src/index.js'], bundle: true, format: 'esm', outdir: 'lib', write: false, logLevel: 'silent', plugins: [madeUp, hook.collect] });
    await hook.write();

    expect(log.mock.calls).toEqual([['lib/NOTICES.txt: 1 bundled packages (MIT 1); shipping no licence file: bare; not from a package: stand-in:made-up']]);
  });

  it('fails the build, writing nothing, when a bundled licence is not allowed', async () => {
    const root = projectUsing('AGPL-3.0-only');
    const hook = thirdPartyNotices('lib/THIRD_PARTY_NOTICES.txt', root);

    await bundleWith(hook, root);

    await expect(hook.write()).rejects.toThrow(/used@1\.2\.0 .*"AGPL-3\.0-only" is not among the allowed licences/);
    expect(existsSync(path.join(root, 'lib', 'THIRD_PARTY_NOTICES.txt'))).toBe(false);
  });

  it('fails rather than writing empty notices when it saw no bundle', async () => {
    const root = projectUsing('MIT');

    await expect(thirdPartyNotices('lib/THIRD_PARTY_NOTICES.txt', root).write()).rejects.toThrow(/saw no bundle/);
    expect(existsSync(path.join(root, 'lib', 'THIRD_PARTY_NOTICES.txt'))).toBe(false);
  });
});
