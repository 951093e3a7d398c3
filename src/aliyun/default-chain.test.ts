import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

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
