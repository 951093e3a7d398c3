// One Logto process for the shared-counter tests: it imports the built connector (lib/index.js,
// which loads lib/redis-store.js itself), runs each batch of end-user sends it is told to run all
// at once, and answers with each send's outcome and the warnings it logged. Forked under tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { z } from 'zod';

const batchSchema = z.object({ batch: z.array(z.object({ to: z.string(), ip: z.string() })), config: z.unknown() });

const warnings: string[] = [];
console.warn = (...parts: unknown[]) => {
  warnings.push(parts.map(String).join(' '));
};

type Send = (data: unknown) => Promise<unknown>;

const callable = (value: unknown, name: string): ((...args: unknown[]) => unknown) => {
  if (typeof value !== 'function') {
    throw new TypeError(`${name} is not a function`);
  }
  return (...args): unknown => Reflect.apply(value, undefined, args);
};

// The connector's module is loaded once; the config is the batch's own.
const connectorFor = async (config: unknown): Promise<Send> => {
  const library: unknown = await import(pathToFileURL(path.resolve(import.meta.dirname, '../../lib/index.js')).href);
  const createConnector = callable(Reflect.get(Object(library), 'default'), 'the default export');
  const connector: unknown = await createConnector({ getConfig: () => Promise.resolve(config) });
  const sendMessage = callable(Reflect.get(Object(connector), 'sendMessage'), 'sendMessage');
  return async (data) => Promise.resolve(sendMessage(data));
};

const outcomeOf = (error: unknown): string => {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  // rate_limit_exceeded is what the tests count; any other failure carries its message, to be read.
  return code === 'rate_limit_exceeded' ? code : `${String(code)}: ${error instanceof Error ? error.message : String(error)}`;
};

process.on('message', (raw: unknown) => {
  void (async () => {
    const { batch, config } = batchSchema.parse(raw);
    const send = await connectorFor(config);
    let slowestMs = 0;
    const outcomes = await Promise.all(
      batch.map(async ({ to, ip }) => {
        const startedAt = performance.now();
        const outcome = await send({ to, type: 'SignIn', payload: { code: '246810', locale: 'en' }, ip }).then(
          () => 'sent',
          outcomeOf
        );
        slowestMs = Math.max(slowestMs, performance.now() - startedAt);
        return outcome;
      })
    );
    process.send?.({ outcomes, warnings: warnings.splice(0), slowestMs });
  })();
});

process.send?.({ ready: true });
