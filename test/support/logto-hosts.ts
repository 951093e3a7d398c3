import { createRequire } from 'node:module';

import { loadConnectorFactories } from '@logto/cli/lib/connector/index.js';
import { getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import { z } from 'zod';

import type { LogtoHostFolder } from '../../tools/logto-host.js';

/** A connector factory as Logto's loader returns it. */
export type ConnectorFactory = Awaited<ReturnType<typeof loadConnectorFactories>>[number];

/**
 * Loads every host's connectors with ONE call of Logto's loader. loadConnectorFactories keeps
 * its first answer in a module variable and returns it to every later call, whatever packages
 * they pass, so a second host loaded by a second call would silently get the first host's
 * factories. One call over all folders loads each package from its own path, as Logto would.
 */
export const loadAllHosts = async (hosts: readonly LogtoHostFolder[]): Promise<ConnectorFactory[]> => {
  const packages = await Promise.all(hosts.map(({ connectorsDirectory }) => getConnectorPackagesFromDirectory(connectorsDirectory)));
  return loadConnectorFactories(packages.flat(), false);
};

/** A class, as far as `instanceof` needs one. */
type ErrorClass = abstract new (...args: never[]) => object;

const isClass = (value: unknown): value is ErrorClass => typeof value === 'function';

/** What a host's own connector-kit copy offers: its ConnectorError class and ConnectorErrorCodes enum. */
export type HostKit = { ConnectorError: ErrorClass; errorCodes: Record<string, string> };

/** The host's @logto/connector-kit, imported the way packages/core resolves it. */
export const hostKitOf = async (host: LogtoHostFolder): Promise<HostKit> => {
  const kit: unknown = await host.importFromHost('@logto/connector-kit');
  const ConnectorError: unknown = typeof kit === 'object' && kit !== null ? Reflect.get(kit, 'ConnectorError') : undefined;
  if (!isClass(ConnectorError)) {
    throw new TypeError(`the ${host.connectorKitLine} host's connector-kit has no ConnectorError class`);
  }
  const { ConnectorErrorCodes: errorCodes } = z.object({ ConnectorErrorCodes: z.record(z.string()) }).parse(kit);
  return { ConnectorError, errorCodes };
};

const connectorErrorShape = z.object({ code: z.string(), message: z.string(), data: z.unknown() });

/** The error a promise rejects with, required to be an instance of the given host's ConnectorError. */
export const hostRejectionOf = async (
  kit: HostKit,
  promise: Promise<unknown>
): Promise<z.infer<typeof connectorErrorShape> & { error: object }> => {
  try {
    await promise;
  } catch (error: unknown) {
    if (!(error instanceof kit.ConnectorError)) {
      throw new Error(`expected the host's ConnectorError, got: ${String(error)}`);
    }
    return { ...connectorErrorShape.parse(error), error };
  }
  throw new Error("expected the host's ConnectorError, but the promise resolved");
};

// The copy @logto/cli resolves, so the range check below is the CLI's own.
const cliManifest = createRequire(import.meta.url).resolve('@logto/cli/package.json');
const semver: unknown = createRequire(cliManifest)('semver');

/**
 * Whether a version satisfies a range, by the semver package @logto/cli checks with.
 * The CLI compares a connector's range with the CLI's own connector-kit (5.x here), never
 * with the host's: this repeats that check against the host's version.
 */
export const satisfiesRange = (version: string, range: string): boolean => {
  const satisfies: unknown = typeof semver === 'object' && semver !== null ? Reflect.get(semver, 'satisfies') : undefined;
  if (typeof satisfies !== 'function') {
    throw new TypeError('semver.satisfies is missing');
  }
  const answer: unknown = Reflect.apply(satisfies, semver, [version, range]);
  if (typeof answer !== 'boolean') {
    throw new TypeError('semver.satisfies answered no boolean');
  }
  return answer;
};
