import { defineConfig } from 'tsup';

// Logto imports lib/index.js and installs nothing for a connector, so every runtime
// dependency is bundled except the two the host must share with us: a private copy of
// connector-kit would make our ConnectorErrors unrecognisable to Logto (HTTP 500).
export default defineConfig({
  entry: { index: 'src/index.ts' },
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
  // got's CommonJS helpers call require() for node builtins; an ESM bundle has none.
  banner: {
    js: "import { createRequire as __connectorCreateRequire } from 'node:module';\nconst require = __connectorCreateRequire(import.meta.url);",
  },
});
