import { createHash } from 'node:crypto';
import { oracle } from './oracle.js';
import { percentEncode } from './signature.js';

/** The only V3 algorithm the emulator speaks. */
export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** What a V3 signature covers. */
export interface V3SignedRequest {
  readonly method: string;
  readonly pathname: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The signed headers only, names in lower case. */
  readonly signedHeaders: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body as received. */
  readonly hashedPayload: string;
}

/** The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` header. */
export interface V3Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTHORIZATION = /^(\S+) Credential=([^,]*),\s*SignedHeaders=([^,]*),\s*Signature=([^,]*)$/;

/** Reads an Authorization header, or undefined when it is not in the V3 shape. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const match = AUTHORIZATION.exec(header.trim());
  if (match === null) return undefined;
  const [, algorithm = '', accessKeyId = '', signedHeaders = '', signature = ''] = match;
  return { algorithm, accessKeyId, signedHeaders: signedHeaders === '' ? [] : signedHeaders.split(';'), signature };
}

/** Hex SHA-256 of a body, as x-acs-content-sha256 carries it. */
export function hashPayload(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function byCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The V3 CanonicalRequest, computed independently of the SDK so that SignatureDoesNotMatch can
 * show what the server expected: METHOD, path, sorted encoded query, `name:value` lines of the
 * signed headers, their names joined by `;`, the payload hash.
 */
export function v3CanonicalRequest(request: V3SignedRequest): string {
  const query = Object.keys(request.query)
    .sort(byCodeUnits)
    .map((name) => `${percentEncode(name)}=${percentEncode(request.query[name] ?? '')}`)
    .join('&');
  const names = Object.keys(request.signedHeaders).sort(byCodeUnits);
  const headers = names.map((name) => `${name}:${(request.signedHeaders[name] ?? '').trim()}\n`).join('');
  return [request.method, request.pathname, query, headers, names.join(';'), request.hashedPayload].join('\n');
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
}

/** The hex signature Alibaba's SDK computes for this request and secret. */
export function expectedV3Signature(request: V3SignedRequest, accessKeyId: string, secret: string): string {
  const authorization = oracle.v3Authorization(
    { pathname: request.pathname, method: request.method, query: request.query, headers: request.signedHeaders },
    request.hashedPayload,
    accessKeyId,
    secret,
  );
  return parseV3Authorization(authorization)?.signature ?? '';
}
