import { createHmac } from 'node:crypto';

import { percentEncode } from '../../encoding.js';

/** Parameters of an Aliyun RPC request; undefined ones are neither signed nor sent. */
export type RpcParameters = Readonly<Record<string, string | undefined>>;

/** The HTTP methods Dysmsapi accepts; the one signed must be the one sent. */
export type RpcMethod = 'GET' | 'POST';

/** The defined parameters as [name, value] pairs in Aliyun's canonical (code-unit) order. */
export const canonicalEntries = (parameters: RpcParameters): Array<[string, string]> =>
  Object.entries(parameters)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    // Plain code-unit order, not localeCompare: 'SignName' must precede 'SignatureMethod'.
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));

/** The canonical query: encoded name=value pairs joined with '&'. */
export const canonicalQuery = (parameters: RpcParameters): string =>
  // encodeURIComponent per part, then Aliyun's five extra escapes once over the whole query:
  // the joining '=' and '&' are not among them, so this equals encoding each part in full.
  percentEncode(
    canonicalEntries(parameters)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&'),
    { alreadyComponentEncoded: true }
  );

/** The V1 string to sign: METHOD&%2F&enc(canonicalQuery); the query ends up encoded twice. */
export const stringToSign = (method: RpcMethod, parameters: RpcParameters): string =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(parameters))}`;

const hmacSha1 = (accessKeySecret: string, text: string): string =>
  createHmac('sha1', `${accessKeySecret}&`).update(text).digest('base64');

/** The V1 (HMAC-SHA1) signature of a request, base64-encoded, keyed with `secret + "&"`. */
export const signRpcRequest = (
  method: RpcMethod,
  parameters: RpcParameters,
  accessKeySecret: string
): string => hmacSha1(accessKeySecret, stringToSign(method, parameters));

/**
 * Signs a request and writes its form body in one pass: the canonical query, percent-encoded
 * as Aliyun signs it, is itself a valid application/x-www-form-urlencoded body, so the body is
 * that query plus the Signature, with no second encoding of every value.
 */
export const signedRpcForm = (
  method: RpcMethod,
  parameters: RpcParameters,
  accessKeySecret: string
): { body: string; signature: string } => {
  const query = canonicalQuery(parameters);
  const signature = hmacSha1(accessKeySecret, `${method}&${percentEncode('/')}&${percentEncode(query)}`);
  return { body: `${query}&Signature=${percentEncode(signature)}`, signature };
};
