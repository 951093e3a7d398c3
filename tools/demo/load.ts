import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inspect, stripVTControlCharacters } from 'node:util';

import { buildRawConnector, loadConnectorFactories } from '@logto/cli/lib/connector/index.js';
import { consoleLog, getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import { ConnectorType, type GetConnectorConfig, type SmsConnector } from '@logto/connector-kit';
import { connectorFactoryResponseGuard } from '@logto/schemas';

import type { LogtoHostFolder } from '../logto-host.js';
import { oneLine } from './text.js';

/** A connector factory as Logto's loader returns it. */
export type ConnectorFactory = Awaited<ReturnType<typeof loadConnectorFactories>>[number];

/** The packed connector after Logto's loader accepted it, with what the demo reports about it. */
export interface LoadedConnector {
  readonly factory: ConnectorFactory;
  /** The package name Logto's directory scan read from package.json. */
  readonly packageName: string;
  /** The connector folder, relative to the host folder's root. */
  readonly directory: string;
  readonly cliVersion: string;
  /** The connector-kit the host folder offers the connector (what it runs against). */
  readonly hostKitVersion: string;
  /** Whether parseMetadata turned `logo` into a data URI, as the console needs. */
  readonly logoInlined: boolean;
}

function versionIn(packageJsonPath: string): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
    const version: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function logText(args: readonly unknown[]): string {
  return stripVTControlCharacters(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '));
}

// Logto's loader does not throw for a broken package: it logs "skip <name> due to error: …"
// and drops it. Catching those lines lets the demo report the reason as its own one-line
// failure, and keeps the happy path free of the loader's chatter.
async function loadFactoriesCapturingLog(
  packages: Parameters<typeof loadConnectorFactories>[0]
): Promise<{ factories: ConnectorFactory[]; logged: string[] }> {
  const logged: string[] = [];
  const originalError = consoleLog.error;
  const originalWarn = consoleLog.warn;
  consoleLog.error = (...args: unknown[]) => {
    logged.push(logText(args));
  };
  consoleLog.warn = (...args: unknown[]) => {
    logged.push(logText(args));
  };
  try {
    // false: Logto refuses a connector whose connector-kit range the host does not satisfy, unless told to ignore it.
    return { factories: await loadConnectorFactories(packages, false), logged };
  } finally {
    consoleLog.error = originalError;
    consoleLog.warn = originalWarn;
  }
}

/** Discovers and loads the host folder's connector with @logto/cli's loader, and checks its metadata as the console's API would. */
export async function loadAsLogtoDoes(host: LogtoHostFolder): Promise<LoadedConnector> {
  const packages = await getConnectorPackagesFromDirectory(host.connectorsDirectory);
  const ours = packages.find((candidate) => candidate.path === host.connectorDirectory);
  if (ours === undefined) {
    throw new Error(
      `Logto's directory scan did not list ${host.connectorDirectory}: its package.json name must be connector-* or @scope/connector-*`
    );
  }

  const { factories, logged } = await loadFactoriesCapturingLog(packages);
  const factory = factories.find((candidate) => candidate.path === host.connectorDirectory);
  if (factory === undefined) {
    const reason = logged.find((line) => line.includes(ours.name)) ?? logged[0];
    throw new Error(
      reason === undefined
        ? // No log line means the loader answered from its per-process cache, filled from another folder.
          "Logto's loader answered from its per-process cache of another host folder: run the demo once per process"
        : `Logto's loader skipped the package: ${oneLine(reason)}`
    );
  }

  // GET /api/connector-factories serves { type, ...metadata } after the loader's parseMetadata;
  // metadata failing this guard empties the console's connector list.
  const response = connectorFactoryResponseGuard.safeParse({ type: factory.type, ...factory.metadata });
  if (!response.success) {
    const issues = response.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`the connector's metadata fails connectorFactoryResponseGuard: ${issues.join('; ')}`);
  }

  return {
    factory,
    packageName: ours.name,
    directory: path.relative(host.root, host.connectorDirectory),
    cliVersion: versionIn(createRequire(import.meta.url).resolve('@logto/cli/package.json')),
    hostKitVersion: versionIn(path.join(host.root, 'packages', 'core', 'node_modules', '@logto', 'connector-kit', 'package.json')),
    logoInlined: factory.metadata.logo.startsWith('data:'),
  };
}

/** Builds the connector the way Logto does for a request (getConfig absent: the console's test button). */
export async function buildSmsConnector(factory: ConnectorFactory, getConfig?: GetConnectorConfig): Promise<SmsConnector> {
  const { rawConnector } = await buildRawConnector(factory, getConfig);
  if (rawConnector.type !== ConnectorType.Sms) {
    throw new Error(`the connector's type is ${rawConnector.type}, not Sms`);
  }
  return rawConnector;
}
