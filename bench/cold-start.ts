// One cold start, in a fresh process: what loading a connector costs a Logto instance that
// already runs zod and connector-kit. Run by bench/index.ts under plain node (its built-in type
// stripping), not tsx, so that no loader hook sits between the connector and the module
// system; that is also why this file imports nothing of the bench's own. Prints the
// milliseconds from the start of the import until createConnector has resolved.
await import('zod');
await import('@logto/connector-kit');

const specifier = process.argv[2];
if (specifier === undefined) {
  throw new Error('usage: node bench/cold-start.ts <module to load>');
}

const startedAt = performance.now();
const loaded: unknown = await import(specifier);
const factory: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, 'default') : undefined;
if (typeof factory !== 'function') {
  throw new TypeError(`${specifier}: no default-exported connector factory`);
}
const getConfig = async (): Promise<never> => Promise.reject(new Error('no stored config'));
await Reflect.apply(factory, undefined, [{ getConfig }]);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - startedAt })}\n`);

// A module (top-level await), though it exports nothing.
export {};
