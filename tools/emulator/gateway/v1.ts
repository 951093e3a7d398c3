import type { IncomingCall } from '../incoming.js';
import { toRecord } from '../params.js';
import { expectedSignature, stringToSign } from '../signature.js';
import { refuse } from '../verdict.js';
import { denied, type Authentication, type GatewayContext } from './context.js';
import { checkSecurityToken, resolveKey, spendNonce } from './credential.js';
import { checkTimestamp } from './timestamp.js';

const REQUIRED = ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'] as const;

/**
 * Signature version 1.0 (HMAC-SHA1 over the sorted parameters): common parameters present,
 * method and version supported, Timestamp within the window, AccessKeyId known, SecurityToken
 * right for the key, signature recomputed with Alibaba's SDK, nonce unused. A nonce is spent
 * only once the signature matched, so forged requests cannot burn a caller's nonces.
 */
export function authenticateV1(call: IncomingCall, context: GatewayContext): Authentication {
  const { values } = call.params;
  const get = (name: string): string => values.get(name) ?? '';
  const missing = REQUIRED.find((name) => get(name) === '');
  if (missing !== undefined) return denied(refuse(`Missing${missing}`, 400, `${missing} is mandatory for this action.`));
  if (get('SignatureMethod') !== 'HMAC-SHA1' || get('SignatureVersion') !== '1.0') {
    return denied(
      refuse(
        'IncompleteSignature',
        400,
        `The request signature does not conform to Aliyun standards. SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0 (got ${get('SignatureMethod')} / ${get('SignatureVersion')}).`,
      ),
    );
  }
  const late = checkTimestamp(get('Timestamp'), context.now);
  if (late !== undefined) return denied(late);
  const key = resolveKey(context.credentials, get('AccessKeyId'));
  if (!key.ok) return key;
  const badToken = checkSecurityToken(key.credential, values.get('SecurityToken'), context.now);
  if (badToken !== undefined) return denied(badToken);
  const record = toRecord(values);
  if (expectedSignature(call.method, record, key.credential.accessKeySecret) !== get('Signature')) {
    return denied(
      refuse(
        'SignatureDoesNotMatch',
        400,
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(call.method, record)}`,
      ),
    );
  }
  const reused = spendNonce(context.nonces, key.credential.accessKeyId, get('SignatureNonce'), context.now);
  if (reused !== undefined) return denied(reused);
  return key;
}
