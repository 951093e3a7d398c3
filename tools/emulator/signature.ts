import { oracle } from './oracle.js';

/** Signs RPC parameters the way Alibaba's SDK does: (params without Signature, HTTP method, secret) → base64. */
export type RpcSigner = (params: Readonly<Record<string, string>>, method: string, secret: string) => string;

/** Alibaba's own RPC signature function (the oracle the emulator trusts for signature values). */
export const sdkSignature: RpcSigner = oracle.rpcSignature;

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
