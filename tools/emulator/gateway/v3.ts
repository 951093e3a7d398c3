import type { IncomingCall } from '../incoming.js';
import {
  expectedV3Signature,
  hashPayload,
  parseV3Authorization,
  v3CanonicalRequest,
  v3StringToSign,
  V3_ALGORITHM,
  type V3Authorization,
  type V3SignedRequest,
} from '../signature-v3.js';
import { refuse, type Verdict } from '../verdict.js';
import { denied, type Authentication, type GatewayContext } from './context.js';
import { checkSecurityToken, resolveKey, spendNonce } from './credential.js';
import { checkTimestamp } from './timestamp.js';

// Alibaba's signer covers only these headers; the emulator refuses to pretend it checked others.
const SIGNABLE = /^(?:host|content-type|x-acs-.+)$/;

function incomplete(reason: string): Verdict {
  return refuse('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: ${reason}.`);
}

function checkSignedHeaders(authorization: V3Authorization, headers: Readonly<Record<string, string>>): Verdict | undefined {
  const signed = authorization.signedHeaders;
  const odd = signed.find((name) => name !== name.toLowerCase() || !SIGNABLE.test(name));
  if (odd !== undefined) return incomplete(`SignedHeaders may name host, content-type and x-acs-* headers, in lower case (got "${odd}")`);
  if (!signed.includes('host')) return incomplete('SignedHeaders must include host');
  const absent = signed.find((name) => headers[name] === undefined);
  if (absent !== undefined) return incomplete(`the signed header "${absent}" is not in the request`);
  const unsigned = Object.keys(headers).find((name) => name.startsWith('x-acs-') && !signed.includes(name));
  if (unsigned !== undefined) return incomplete(`every x-acs-* header must be signed ("${unsigned}" is not)`);
  return undefined;
}

function readAuthorization(call: IncomingCall): V3Authorization | Verdict {
  const header = call.headers.authorization;
  if (header === undefined) return incomplete('the Authorization header is missing');
  const authorization = parseV3Authorization(header);
  if (authorization === undefined) return incomplete('Authorization must read "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h;h>,Signature=<hex>"');
  if (authorization.algorithm !== V3_ALGORITHM) return incomplete(`the algorithm must be ${V3_ALGORITHM} (got ${authorization.algorithm})`);
  return authorization;
}

function mismatch(request: V3SignedRequest, sentHash: string): Verdict {
  const canonical = v3CanonicalRequest(request);
  const hint = sentHash === request.hashedPayload ? '' : ` (x-acs-content-sha256 does not match the body, whose SHA-256 is ${request.hashedPayload})`;
  return refuse(
    'SignatureDoesNotMatch',
    400,
    `Specified signature is not matched with our calculation. server string to sign is:${v3StringToSign(canonical)} server canonical request is:${canonical}${hint}`,
  );
}

/**
 * Signature V3 (ACS3-HMAC-SHA256 in the Authorization header): a well-formed Authorization,
 * nonce and date headers, x-acs-date within the window, a content hash, SignedHeaders covering
 * host and every x-acs-* header, the Credential known, the security token right for it, the
 * signature recomputed with Alibaba's SDK over the body actually received, the nonce unused.
 */
export function authenticateV3(call: IncomingCall, context: GatewayContext): Authentication {
  const authorization = readAuthorization(call);
  if ('httpStatus' in authorization) return denied(authorization);
  const { headers } = call;
  const nonce = headers['x-acs-signature-nonce'] ?? '';
  if (nonce === '') return denied(refuse('MissingSignatureNonce', 400, 'x-acs-signature-nonce is mandatory for this action.'));
  const date = headers['x-acs-date'] ?? '';
  if (date === '') return denied(refuse('MissingTimestamp', 400, 'x-acs-date is mandatory for this action.'));
  const late = checkTimestamp(date, context.now);
  if (late !== undefined) return denied(late);
  const sentHash = headers['x-acs-content-sha256'];
  if (sentHash === undefined) return denied(incomplete('x-acs-content-sha256 is missing'));
  const badHeaders = checkSignedHeaders(authorization, headers);
  if (badHeaders !== undefined) return denied(badHeaders);
  const key = resolveKey(context.credentials, authorization.accessKeyId);
  if (!key.ok) return key;
  const badToken = checkSecurityToken(key.credential, headers['x-acs-security-token'], context.now);
  if (badToken !== undefined) return denied(badToken);

  const request: V3SignedRequest = {
    method: call.method,
    pathname: call.path,
    query: call.query,
    signedHeaders: Object.fromEntries(authorization.signedHeaders.map((name) => [name, headers[name] ?? ''])),
    hashedPayload: hashPayload(call.body),
  };
  // A hash that lies about the body could still be signed consistently: it must match on its own.
  const matches = sentHash === request.hashedPayload && expectedV3Signature(request, key.credential.accessKeyId, key.credential.accessKeySecret) === authorization.signature;
  if (!matches) return denied(mismatch(request, sentHash));
  const reused = spendNonce(context.nonces, key.credential.accessKeyId, nonce, context.now);
  if (reused !== undefined) return denied(reused);
  return key;
}
