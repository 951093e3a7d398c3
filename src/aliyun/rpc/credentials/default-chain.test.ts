import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { createDefaultChainProvider } from './default-chain.js';

const run = promisify(execFile);

const providerName = (provider: unknown): unknown => {
  const name: unknown = typeof provider === 'object' && provider !== null ? Reflect.get(provider, 'getProviderName') : undefined;
  return typeof name === 'function' ? Reflect.apply(name, provider, []) : undefined;
};

describe('createDefaultChainProvider', () => {
  it('builds the library’s DefaultCredentialsProvider, a new one each call', () => {
    const first = createDefaultChainProvider();
    expect(providerName(first)).toBe('default');
    expect(createDefaultChainProvider()).not.toBe(first);
  });

  // vitest hands the CommonJS default export over differently from Node and esbuild: this runs
  // the module under plain Node (through tsx) so the other shape is checked too.
  it('works where the import yields the exports object, as under Node and in the bundle', async () => {
    const module = fileURLToPath(new URL('default-chain.ts', import.meta.url));
    const script = `const { createDefaultChainProvider } = await import(${JSON.stringify(module)});
const credentials = await createDefaultChainProvider().getCredentials();
process.stdout.write(credentials.accessKeyId);`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: {
        ...process.env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-child-process',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'child-secret',
      },
    });
    expect(stdout).toBe('LTAI-child-process');
  });
});

// What the module of the default chain may export, faked, to check each shape the connector
// accepts or refuses without depending on how this test runner imports CommonJS.
const chainModule = '@alicloud/credentials/dist/src/providers/default.js';

const fakeProvider = { getCredentials: async () => Promise.resolve({ accessKeyId: 'LTAI-fake', accessKeySecret: 'fake' }) };

// A class is a function with a static builder; a plain function stands for it.
const FakeDefaultProvider = Object.assign(() => undefined, { builder: () => ({ build: () => fakeProvider }) });

const withExport = async (exported: unknown) => {
  vi.resetModules();
  vi.doMock(chainModule, () => ({ default: exported }));
  const { createDefaultChainProvider: create } = await import('./default-chain.js');
  return create;
};

const thrownMessage = (run: () => unknown): string => {
  try {
    run();
  } catch (error: unknown) {
    return error instanceof TypeError ? error.message : `not a TypeError: ${String(error)}`;
  }
  return 'nothing thrown';
};

describe('createDefaultChainProvider with the shapes the library’s module may take', () => {
  afterEach(() => {
    vi.doUnmock(chainModule);
    vi.resetModules();
  });

  it.each([
    ['the class itself', FakeDefaultProvider],
    ['an exports object holding the class', { default: FakeDefaultProvider }],
  ])('builds the provider from %s', async (_name, exported) => {
    const create = await withExport(exported);
    expect(create()).toBe(fakeProvider);
  });

  const moved = '@alicloud/credentials no longer exports DefaultCredentialsProvider where expected';

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'DefaultCredentialsProvider'],
    ['an object without the class', {}],
    ['an exports object whose default is null', { default: null }],
    ['a class whose builder is not a function', { builder: 'builder' }],
    ['an exports object whose class has no builder', { default: { build: () => fakeProvider } }],
  ])('refuses %s with a TypeError saying the export moved', async (_name, exported) => {
    const create = await withExport(exported);
    expect(thrownMessage(create)).toBe(moved);
  });

  it.each([
    ['a builder without build', () => ({})],
    ['a build that yields no provider', () => ({ build: () => ({ getCredentials: 'none' }) })],
    ['a build that yields nothing', () => ({ build: () => null })],
  ])('refuses %s with a TypeError saying no provider was built', async (_name, builder) => {
    const create = await withExport({ builder });
    expect(thrownMessage(create)).toBe('@alicloud/credentials built no usable DefaultCredentialsProvider');
  });
});
