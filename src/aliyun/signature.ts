import { createHmac } from 'node:crypto';

import { percentEncode } from '../encoding.js';

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
  canonicalEntries(parameters)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');

/** The V1 string to sign: METHOD&%2F&enc(canonicalQuery); the query ends up encoded twice. */
export const stringToSign = (method: RpcMethod, parameters: RpcParameters): string =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(parameters))}`;

/** The V1 (HMAC-SHA1) signature of a request, base64-encoded, keyed with `secret + "&"`. */
export const signRpcRequest = (
  method: RpcMethod,
  parameters: RpcParameters,
  accessKeySecret: string
): string =>
  createHmac('sha1', `${accessKeySecret}&`)
    .update(stringToSign(method, parameters))
    .digest('base64');
