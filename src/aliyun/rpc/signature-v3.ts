import { createHash, createHmac } from 'node:crypto';

import { percentEncode } from '../../encoding.js';

import { canonicalQuery, type RpcMethod, type RpcParameters } from './signature.js';

/** The V3 algorithm name, first line of the string to sign and first word of Authorization. */
export const acs3Algorithm = 'ACS3-HMAC-SHA256';

/** The body type we sign and send; the transport must send exactly this content-type. */
export const formContentType = 'application/x-www-form-urlencoded';

/** Everything one V3-signed request depends on; undefined query values are neither signed nor sent. */
export type V3Request = {
  method: RpcMethod;
  /** The Host header as sent: `new URL(endpoint).host`, so a non-default port is included. */
  host: string;
  /** '/' for RPC-style APIs such as Dysmsapi. */
  path: string;
  action: string;
  version: string;
  /** Parameters sent in the URL; normally none, since ours travel in the form body. */
  query?: RpcParameters;
  /** The form body exactly as it will be sent; its SHA-256 is signed. */
  body: string;
  /** UTC, second precision: `yyyy-MM-ddTHH:mm:ssZ`. */
  date: string;
  /** Fresh per attempt: Aliyun rejects a reused nonce. */
  nonce: string;
  /** STS temporary credentials' token; signed as x-acs-security-token when given. */
  securityToken?: string;
};

/** The key pair a V3 signature needs (the secret is used raw, without V1's trailing '&'). */
export type V3Credentials = { accessKeyId: string; accessKeySecret: string };

/** The headers covered by the signature, lowercase as they are canonicalised. */
export type V3SignedHeaders = {
  host: string;
  'content-type': string;
  'x-acs-action': string;
  'x-acs-content-sha256': string;
  'x-acs-date': string;
  'x-acs-security-token'?: string;
  'x-acs-signature-nonce': string;
  'x-acs-version': string;
};

/** Every header the transport must send, as given (got would otherwise pick its own Host or content-type). */
export type V3Headers = V3SignedHeaders & { authorization: string };

/** A signed request: its headers, and the signature hex a caller must add to what it redacts. */
export type SignedV3Request = { headers: V3Headers; signature: string };

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const byCodeUnits = (left: string, right: string): number =>
  left < right ? -1 : left > right ? 1 : 0;

/** Hex SHA-256 of the body: the x-acs-content-sha256 header and the canonical request's last line. */
export const hashedPayload = (body: string): string => sha256Hex(body);

/** The headers to sign for a request. Which ones: see the note on canonicalHeaders. */
export const v3SignedHeaders = (request: V3Request): V3SignedHeaders => ({
  host: request.host,
  'content-type': formContentType,
  'x-acs-action': request.action,
  'x-acs-content-sha256': hashedPayload(request.body),
  'x-acs-date': request.date,
  ...(request.securityToken === undefined ? {} : { 'x-acs-security-token': request.securityToken }),
  'x-acs-signature-nonce': request.nonce,
  'x-acs-version': request.version,
});

/** The canonical URI: each path segment percent-encoded, the slashes kept. */
export const canonicalUri = (path: string): string => path.split('/').map((segment) => percentEncode(segment)).join('/');

/**
 * The canonical headers block (`name:value\n` per header, by name) and the signed-header list.
 * We sign host, content-type and every x-acs-* header: Aliyun requires host and all x-acs-*,
 * and Alibaba's own SDK (openapi-util getAuthorization) signs exactly these three kinds, so a
 * signature made this way is one Aliyun already verifies every day; content-type is signed too
 * so that nothing in between can change how the signed body is read.
 */
export const canonicalHeaders = (
  headers: V3SignedHeaders
): { canonical: string; signedHeaderNames: string } => {
  // An optional header may be present with the value undefined: it is neither signed nor sent.
  const entries = Object.entries(headers)
    .flatMap(([name, value]: [string, string | undefined]): Array<[string, string]> =>
      value === undefined ? [] : [[name.toLowerCase(), value.trim()]]
    )
    .sort(([left], [right]) => byCodeUnits(left, right));
  return {
    canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaderNames: entries.map(([name]) => name).join(';'),
  };
};

/** The V3 canonical request: method, URI, query, headers, signed-header list, body hash, one per line. */
export const canonicalRequestV3 = (request: V3Request, headers: V3SignedHeaders): string => {
  const { canonical, signedHeaderNames } = canonicalHeaders(headers);
  // Same canonical query as V1: names sorted by code unit, then names and values encoded.
  return [
    request.method,
    canonicalUri(request.path),
    canonicalQuery(request.query ?? {}),
    canonical,
    signedHeaderNames,
    headers['x-acs-content-sha256'],
  ].join('\n');
};

/** The V3 string to sign: the algorithm name, then the canonical request's hex SHA-256. */
export const stringToSignV3 = (canonicalRequest: string): string =>
  `${acs3Algorithm}\n${sha256Hex(canonicalRequest)}`;

/** Signs a request with ACS3-HMAC-SHA256, returning every header to send and the signature. */
export const signV3Request = (request: V3Request, credentials: V3Credentials): SignedV3Request => {
  const headers = v3SignedHeaders(request);
  const { signedHeaderNames } = canonicalHeaders(headers);
  const signature = createHmac('sha256', credentials.accessKeySecret)
    .update(stringToSignV3(canonicalRequestV3(request, headers)))
    .digest('hex');
  const authorization = `${acs3Algorithm} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaderNames},Signature=${signature}`;
  return { headers: { ...headers, authorization }, signature };
};
