import type { ResolvedCredential } from '../credentials.js';
import type { AcceptedMessage, SignatureVersion } from '../records.js';
import type { AnswerBody, Product } from '../responses.js';
import { refuse, type Verdict } from '../verdict.js';

/** What an anonymous API sees once the gateway let the request through. */
export interface ApiRequest {
  /** Business parameters: query plus form body (common parameters too, for V1). */
  readonly values: ReadonlyMap<string, string>;
  readonly now: Date;
  readonly requestId: string;
  readonly signatureVersion: SignatureVersion;
}

/** What a signed API sees: the request plus who signed it. */
export interface SignedApiRequest extends ApiRequest {
  readonly credential: ResolvedCredential;
}

/** What an API decided. */
export interface ApiOutcome {
  readonly verdict: Verdict;
  /** The whole answer body; undefined: the product's default error body for the verdict. */
  readonly body: AnswerBody | undefined;
  /** The SMS, when one was accepted. */
  readonly message: AcceptedMessage | undefined;
}

interface ApiIdentity {
  readonly action: string;
  readonly version: string;
  readonly product: Product;
  /** The RAM action a policy must allow, e.g. `dysms:GetSmsSign`. */
  readonly ramAction: string;
  /** Whether a send-only RAM policy allows it. */
  readonly sendOnlyAllowed: boolean;
}

/** An API that needs an AccessKey signature (V1 or V3). */
export interface SignedApi extends ApiIdentity {
  readonly auth: 'signed';
  readonly handle: (request: SignedApiRequest) => ApiOutcome;
}

/** An API whose request authenticates itself (STS with an OIDC token). */
export interface AnonymousApi extends ApiIdentity {
  readonly auth: 'anonymous';
  readonly handle: (request: ApiRequest) => ApiOutcome;
}

/** One Aliyun API the emulator speaks. */
export type ApiModule = SignedApi | AnonymousApi;

/** An outcome with the product's default body. */
export function outcome(verdict: Verdict): ApiOutcome {
  return { verdict, body: undefined, message: undefined };
}

/** A business refusal (HTTP 200) of a request whose signature matched. */
export function businessRefusal(code: string, message: string): ApiOutcome {
  return outcome(refuse(code, 200, message, true));
}

/** The first required parameter that is missing or empty, as the gateway names it (`Missing<Name>`, 400). */
export function missingParameter(values: ReadonlyMap<string, string>, names: readonly string[], signatureVerified: boolean): ApiOutcome | undefined {
  const missing = names.find((name) => (values.get(name) ?? '') === '');
  if (missing === undefined) return undefined;
  return outcome(refuse(`Missing${missing}`, 400, `${missing} is mandatory for this action.`, signatureVerified));
}

/** Tells an outcome from the value a step would otherwise return. */
export function isOutcome(value: object): value is ApiOutcome {
  return 'verdict' in value && 'message' in value;
}
