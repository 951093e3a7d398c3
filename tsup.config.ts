import { defineConfig, type Options } from 'tsup';

import { thirdPartyNotices } from './tools/notices/tsup-hook.js';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

// Alibaba's credentials library and its HTTP client log through `debug`; with DEBUG=httpx:* they
// would print the OIDC token and the STS answer, secret included, to Logto's output. In the
// bundle `debug` is replaced by loggers that are always off (CommonJS, as its callers require it).
const silenceDebug: EsbuildPlugin = {
  name: 'silence-debug',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'silenced-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'silenced-debug' }, () => ({
      loader: 'js',
      contents: [
        'const off = () => { const log = () => {}; log.enabled = false; log.extend = off; return log; };',
        'const debug = Object.assign(off, { enable() {}, disable() { return ""; }, enabled() { return false; } });',
        // ioredis calls it as the module's `default`, which `debug` itself also provides.
        'module.exports = Object.assign(debug, { default: debug, debug });',
      ].join('\n'),
    }));
  },
};

// got loads its HTTP/2 client, its response cache and its DNS cache on import, though each runs
// only when its option is on: the transport turns http2 and cache off and never sets dnsCache.
// Left out of the bundle they save about 90 kB of lib/index.js (its size budget); in their place
// stand modules that throw if got ever reaches for them, so a transport turning one on fails
// loudly in the end-to-end tests rather than quietly.
const offGotExtras: EsbuildPlugin = {
  name: 'off-got-extras',
  setup(build) {
    const refuse = (option: string): string =>
      `const refuse = () => { throw new Error("got's ${option} option is left out of this bundle"); };`;
    const stubs: Record<string, string> = {
      'http2-wrapper': `${refuse('http2')}\nexport default { get globalAgent() { return refuse(); }, auto: refuse };`,
      'cacheable-request': `${refuse('cache')}\nexport default function CacheableRequest() { refuse(); }\nexport class CacheError extends Error {}`,
      'cacheable-lookup': `${refuse('dnsCache')}\nexport default function CacheableLookup() { refuse(); }`,
    };
    build.onResolve({ filter: /^(http2-wrapper|cacheable-request|cacheable-lookup)$/ }, ({ path, importer }) =>
      /[/\\]node_modules[/\\]got[/\\]/.test(importer) ? { path, namespace: 'off-got-extras' } : undefined
    );
    build.onLoad({ filter: /.*/, namespace: 'off-got-extras' }, ({ path }) => ({ loader: 'js', contents: stubs[path] }));
  },
};

// The Redis store (its client and rate-limiter-flexible's Redis limiter) is a file of its own,
// lib/redis-store.js, imported at run time only by configs naming a Redis URL: lib/index.js keeps
// its dynamic import of './redis-store.js' as it is instead of inlining the module.
const redisStoreFile: EsbuildPlugin = {
  name: 'redis-store-file',
  setup(build) {
    build.onResolve({ filter: /\/redis-store\.js$/ }, ({ kind }) =>
      kind === 'dynamic-import' ? { path: './redis-store.js', external: true } : undefined
    );
  },
};

// The bundles carry other people's code, so their licence texts travel with them: written from
// this build's own metafile once the bundles are out, and the build fails on a licence we may not ship.
const notices = thirdPartyNotices('lib/THIRD_PARTY_NOTICES.txt');

// Logto imports lib/index.js and installs nothing for a connector, so every runtime
// dependency is bundled except the two the host must share with us: a private copy of
// connector-kit would make our ConnectorErrors unrecognisable to Logto (HTTP 500).
export default defineConfig({
  // The connector Logto imports, the package's command line (the config doctor), and the Redis
  // store of the send limits, which lib/index.js loads only when a config names Redis.
  entry: { index: 'src/index.ts', cli: 'src/cli/bin.ts', 'redis-store': 'src/limits/redis-store.ts' },
  outDir: 'lib',
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: false,
  external: ['@logto/connector-kit', 'zod'],
  noExternal: [/^(?!@logto\/connector-kit$|zod$).*/],
  // Whitespace and syntax only: identifiers stay, so stack traces still name functions. It keeps
  // lib/index.js within its size budget now that Alibaba's credentials library is bundled.
  minifyWhitespace: true,
  minifySyntax: true,
  esbuildPlugins: [silenceDebug, offGotExtras, redisStoreFile, notices.collect],
  onSuccess: notices.write,
  // got's CommonJS helpers call require() for node builtins; an ESM bundle has none.
  banner: {
    js: "import { createRequire as __connectorCreateRequire } from 'node:module';\nconst require = __connectorCreateRequire(import.meta.url);",
  },
});
