import { createRequire } from 'node:module';

/** Signs RPC parameters the way Alibaba's SDK does: (params without Signature, HTTP method, secret) → base64. */
export type RpcSigner = (params: Readonly<Record<string, string>>, method: string, secret: string) => string;

interface SignerModule {
  getRPCSignature: RpcSigner;
}

function isSignerModule(value: unknown): value is SignerModule {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    'getRPCSignature' in value &&
    typeof value.getRPCSignature === 'function'
  );
}

/**
 * Loads `@alicloud/openapi-util`'s signer. It is loaded with `require` because the package is
 * CommonJS with `exports.default`: an ESM default import yields `{ default: Client }` under
 * Node/tsx but `Client` under vitest; `require` gives the same object everywhere.
 */
function loadOracle(): RpcSigner {
  const require = createRequire(import.meta.url);
  const loaded: unknown = require('@alicloud/openapi-util');
  const candidate: unknown = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (!isSignerModule(candidate)) throw new Error('@alicloud/openapi-util does not expose getRPCSignature');
  const client = candidate;
  return (params, method, secret) => client.getRPCSignature({ ...params }, method, secret);
}

/** Alibaba's own RPC signature function (the oracle the emulator trusts for signature values). */
export const sdkSignature: RpcSigner = loadOracle();

/** RFC 3986 percent-encoding as Aliyun wants it: only A-Z a-z 0-9 - _ . ~ stay unescaped. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function byCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The StringToSign of signature version 1.0, computed independently of the SDK so that the
 * SignatureDoesNotMatch message shows what the server expected.
 */
export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort(byCodeUnits)
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/**
 * The signature the server expects. `Signature` is removed first because openapi-util signs
 * every key it is given, Signature included, and uses the method string verbatim.
 */
export function expectedSignature(method: string, params: Readonly<Record<string, string>>, secret: string): string {
  const unsigned = Object.fromEntries(Object.entries(params).filter(([name]) => name !== 'Signature'));
  return sdkSignature(unsigned, method, secret);
}
