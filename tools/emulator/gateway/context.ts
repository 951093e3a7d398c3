import type { CredentialStore, ResolvedCredential } from '../credentials.js';
import type { NonceStore } from '../nonces.js';
import type { Verdict } from '../verdict.js';

/** What the gateway's checks read and update. */
export interface GatewayContext {
  readonly now: Date;
  readonly credentials: CredentialStore;
  readonly nonces: NonceStore;
}

/** The gateway either lets a signed request through for a credential, or answers for it. */
export type Authentication = { readonly ok: true; readonly credential: ResolvedCredential } | { readonly ok: false; readonly verdict: Verdict };

/** A refusal in the Authentication shape. */
export function denied(verdict: Verdict): Authentication {
  return { ok: false, verdict };
}
