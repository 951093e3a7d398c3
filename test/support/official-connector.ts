// The official @logto/connector-aliyun-sms ships JavaScript without type declarations. It is
// used here only as a test oracle: this wrapper loads it at run time and checks, with type
// guards, that it still has the shape the compatibility tests rely on.
import { ZodType } from 'zod';

/** What Logto hands a connector's sendMessage. */
export type OfficialSendData = {
  to: string;
  type: string;
  payload: Record<string, unknown>;
};

/** The two parts of the official connector the compatibility tests drive. */
export type OfficialConnector = {
  /** The official `configGuard`: whether Logto would let an admin save this config. */
  accepts: (config: unknown) => boolean;
  /** The official `sendMessage`, given the config inline as the console's test button does. */
  sendMessage: (data: OfficialSendData, config: unknown) => Promise<unknown>;
};

type AnyFunction = (...parameters: unknown[]) => unknown;

const isFunction = (value: unknown): value is AnyFunction => typeof value === 'function';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

// A variable rather than a literal keeps TypeScript from looking for declarations the
// package does not have; the value is checked below instead.
const officialPackage: string = '@logto/connector-aliyun-sms';

const noStoredConfig = (): Promise<never> =>
  Promise.reject(new Error('getConfig is not available: pass the config to sendMessage'));

/** Loads the official connector through its default-exported factory, as Logto does. */
export const loadOfficialConnector = async (): Promise<OfficialConnector> => {
  const loaded: unknown = await import(officialPackage);
  const factory: unknown = isRecord(loaded) ? loaded.default : undefined;
  if (!isFunction(factory)) {
    throw new Error(`${officialPackage} has no default-exported connector factory`);
  }
  const connector: unknown = await factory({ getConfig: noStoredConfig });
  if (!isRecord(connector)) {
    throw new Error(`${officialPackage}'s factory did not return a connector`);
  }
  const { configGuard, sendMessage } = connector;
  // Same zod copy as ours (the package has no nested node_modules), so instanceof holds.
  if (!(configGuard instanceof ZodType)) {
    throw new Error(`${officialPackage}'s configGuard is not a zod schema`);
  }
  if (!isFunction(sendMessage)) {
    throw new Error(`${officialPackage}'s sendMessage is not a function`);
  }
  return {
    accepts: (config) => configGuard.safeParse(config).success,
    sendMessage: (data, config) => Promise.resolve(sendMessage(data, config)),
  };
};
