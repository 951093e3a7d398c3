import type { ApiModule } from '../apis/api.js';
import type { CredentialStore, ResolvedCredential } from '../credentials.js';
import type { NonceStore } from '../nonces.js';
import type { AnswerBody } from '../responses.js';
import { refuse, type Verdict } from '../verdict.js';

/** The credential an AccessKeyId stands for, or the gateway's refusal. */
export type KeyResolution = { readonly ok: true; readonly credential: ResolvedCredential } | { readonly ok: false; readonly verdict: Verdict };

/** Looks the AccessKeyId up among permanent, held temporary and STS-issued keys. */
export function resolveKey(store: CredentialStore, accessKeyId: string): KeyResolution {
  const credential = store.find(accessKeyId);
  if (credential === undefined) return { ok: false, verdict: refuse('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.') };
  return { ok: true, credential };
}

/**
 * Checks the SecurityToken against the key: an STS key needs its own token, unexpired on the
 * emulator clock; a permanent key takes none. Runs before the signature, as the gateway must
 * know the credential before it can recompute anything.
 */
export function checkSecurityToken(credential: ResolvedCredential, token: string | undefined, now: Date): Verdict | undefined {
  const mismatch = refuse('InvalidSecurityToken.MismatchWithAccessKey', 400, 'Specified SecurityToken mismatch with the AccessKey.');
  const { temporary } = credential;
  if (temporary === undefined) return token === undefined || token === '' ? undefined : mismatch;
  if (token === undefined || token === '') return refuse('MissingSecurityToken', 400, 'SecurityToken is mandatory for this action.');
  if (token !== temporary.securityToken) return mismatch;
  if (now.getTime() >= temporary.expiration.getTime()) return refuse('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.');
  return undefined;
}

/** Spends the nonce once the signature matched; a reused one is refused (the signature was verified). */
export function spendNonce(nonces: NonceStore, accessKeyId: string, nonce: string, now: Date): Verdict | undefined {
  if (nonces.use(accessKeyId, nonce, now.getTime())) return undefined;
  return refuse('SignatureNonceUsed', 400, 'Specified signature nonce was used already.', true);
}

/** A RAM denial: the verdict plus Aliyun's AccessDeniedDetail. */
export interface RamDenial {
  readonly verdict: Verdict;
  readonly detail: AnswerBody;
}

/** Forbidden.RAM (403) when the credential's policy is send-only and the API is not a send. */
export function checkRam(credential: ResolvedCredential, api: ApiModule): RamDenial | undefined {
  if (credential.ramMode === 'full' || api.sendOnlyAllowed) return undefined;
  return {
    verdict: refuse('Forbidden.RAM', 403, "User not authorized to operate on the specified resource, or this API doesn't support RAM.", true),
    detail: {
      AccessDeniedDetail: {
        AuthAction: api.ramAction,
        AuthPrincipalType: credential.temporary === undefined ? 'SubUser' : 'AssumedRoleUser',
        NoPermissionType: 'ImplicitDeny',
        PolicyType: 'AccountLevelIdentityBasedPolicy',
      },
    },
  };
}
