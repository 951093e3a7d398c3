// Alibaba's default credential chain, imported from its own module rather than the package's
// entry: the entry also loads every legacy credential class and @alicloud/tea-typescript,
// about 60 KB of bundle the chain never uses.
import * as defaultChainModule from '@alicloud/credentials/dist/src/providers/default.js';

/** What the connector needs from a credentials provider of @alicloud/credentials. */
export type CredentialProvider = { getCredentials: () => Promise<unknown> };

type ProviderClass = { builder: () => unknown };

const hasFunction = <Key extends string>(
  value: unknown,
  key: Key
): value is Record<Key, (...parameters: never[]) => unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  key in value &&
  typeof Reflect.get(value, key) === 'function';

const isProviderClass = (value: unknown): value is ProviderClass => hasFunction(value, 'builder');

const isProvider = (value: unknown): value is CredentialProvider =>
  hasFunction(value, 'getCredentials');

const isBuilder = (value: unknown): value is { build: () => unknown } => hasFunction(value, 'build');

// The module is CommonJS with exports.default: vitest hands over the class itself, while Node
// and the esbuild bundle hand over the exports object, so both shapes are accepted.
const providerClass = (): ProviderClass => {
  const imported: unknown = defaultChainModule.default;
  if (isProviderClass(imported)) {
    return imported;
  }
  const nested: unknown =
    typeof imported === 'object' && imported !== null ? Reflect.get(imported, 'default') : undefined;
  if (isProviderClass(nested)) {
    return nested;
  }
  throw new TypeError('@alicloud/credentials no longer exports DefaultCredentialsProvider where expected');
};

/** A new DefaultCredentialsProvider: reads the environment now, then caches what its sources return. */
export const createDefaultChainProvider = (): CredentialProvider => {
  const builder = providerClass().builder();
  const provider: unknown = isBuilder(builder) ? builder.build() : undefined;
  if (!isProvider(provider)) {
    throw new TypeError('@alicloud/credentials built no usable DefaultCredentialsProvider');
  }
  return provider;
};
