// The official @logto/connector-aliyun-sms-mas ships JavaScript without type declarations. It
// is used only as a test oracle: loaded at run time through its factory, as Logto loads it,
// and checked with guards for the shape the compatibility tests rely on.
import { ZodType } from 'zod';

import type { OfficialConnector } from './official-connector.js';

type AnyFunction = (...parameters: unknown[]) => unknown;

const isFunction = (value: unknown): value is AnyFunction => typeof value === 'function';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

// A variable keeps TypeScript from looking for declarations the package does not have.
const officialMasPackage: string = '@logto/connector-aliyun-sms-mas';

const noStoredConfig = (): Promise<never> =>
  Promise.reject(new Error('getConfig is not available: pass the config to sendMessage'));

/** Loads the official SMS authentication service connector through its default-exported factory. */
export const loadOfficialMasConnector = async (): Promise<OfficialConnector> => {
  const loaded: unknown = await import(officialMasPackage);
  const factory: unknown = isRecord(loaded) ? loaded.default : undefined;
  if (!isFunction(factory)) {
    throw new Error(`${officialMasPackage} has no default-exported connector factory`);
  }
  const connector: unknown = await factory({ getConfig: noStoredConfig });
  if (!isRecord(connector)) {
    throw new Error(`${officialMasPackage}'s factory did not return a connector`);
  }
  const { configGuard, sendMessage } = connector;
  if (!(configGuard instanceof ZodType) || !isFunction(sendMessage)) {
    throw new Error(`${officialMasPackage} lacks configGuard or sendMessage`);
  }
  return {
    accepts: (config) => configGuard.safeParse(config).success,
    sendMessage: (data, config) => Promise.resolve(sendMessage(data, config)),
  };
};
