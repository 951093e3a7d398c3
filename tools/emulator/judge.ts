import type { ApiModule, ApiOutcome } from './apis/api.js';
import { route } from './apis/registry.js';
import type { GatewayContext } from './gateway/context.js';
import { checkRam } from './gateway/credential.js';
import { checkTimestamp } from './gateway/timestamp.js';
import { authenticateV1 } from './gateway/v1.js';
import { authenticateV3 } from './gateway/v3.js';
import { actionOf, signatureVersionOf, type CallHead, type IncomingCall } from './incoming.js';
import type { AcceptedMessage, SignatureVersion } from './records.js';
import type { AnswerBody, Product } from './responses.js';
import { refuse, type Verdict } from './verdict.js';

/** One request to judge, with the state the checks read and update. */
export interface JudgeContext extends GatewayContext {
  readonly apis: readonly ApiModule[];
  readonly requestId: string;
}

/** What the emulator decided, and what it needs to answer. */
export interface Judgement {
  readonly verdict: Verdict;
  /** The API's own answer body; undefined: the product's default body for the verdict. */
  readonly body: AnswerBody | undefined;
  /** Fields added to a default error body (AccessDeniedDetail). */
  readonly extras: AnswerBody | undefined;
  /** Whose HostId and shapes the answer takes. */
  readonly product: Product;
  readonly message: AcceptedMessage | undefined;
  readonly signatureVersion: SignatureVersion;
}

// Before the Action is known the emulator cannot tell the product; Dysmsapi is the one most callers mean.
const FALLBACK_PRODUCT: Product = 'Dysmsapi';

function refused(verdict: Verdict, signatureVersion: SignatureVersion, product: Product = FALLBACK_PRODUCT, extras?: AnswerBody): Judgement {
  return { verdict, body: undefined, extras, product, message: undefined, signatureVersion };
}

function answered(result: ApiOutcome, api: ApiModule, signatureVersion: SignatureVersion): Judgement {
  return { verdict: result.verdict, body: result.body, extras: undefined, product: api.product, message: result.message, signatureVersion };
}

/** The API a request is addressed to, if it names one (for answering faults in the right shape). */
export function addressedApi(call: CallHead, apis: readonly ApiModule[]): ApiModule | undefined {
  const { action, version } = actionOf(call, signatureVersionOf(call));
  if (action === undefined || version === undefined) return undefined;
  const found = route(apis, action, version);
  return found.ok ? found.api : undefined;
}

/**
 * Judges a request as Aliyun would: route and parameter hygiene, Action/Version to an API,
 * then for signed APIs the V1 or V3 gateway checks and RAM, for anonymous ones the timestamp
 * window; then the API's own checks.
 */
export function judge(call: IncomingCall, context: JudgeContext): Judgement {
  const signatureVersion = signatureVersionOf(call);
  if (call.path !== '/' || (call.method !== 'GET' && call.method !== 'POST')) {
    return refused(refuse('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.'), signatureVersion);
  }
  const duplicate = call.params.duplicates[0];
  if (duplicate !== undefined) {
    return refused(refuse('InvalidParameter', 400, `The parameter "${duplicate}" was given more than once.`), signatureVersion);
  }
  const { action = '', version = '' } = actionOf(call, signatureVersion);
  if (action === '') return refused(refuse('MissingAction', 400, 'Action is mandatory for this action.'), signatureVersion);
  if (version === '') return refused(refuse('MissingVersion', 400, 'Version is mandatory for this action.'), signatureVersion);
  const found = route(context.apis, action, version);
  if (!found.ok) return refused(found.verdict, signatureVersion);
  const { api } = found;
  const base = { values: call.params.values, now: context.now, requestId: context.requestId, signatureVersion };

  if (api.auth === 'anonymous') {
    const timestamp = signatureVersion === 'v3' ? call.headers['x-acs-date'] : call.params.values.get('Timestamp');
    const late = timestamp === undefined ? undefined : checkTimestamp(timestamp, context.now);
    if (late !== undefined) return refused(late, signatureVersion, api.product);
    return answered(api.handle(base), api, signatureVersion);
  }
  const authentication = signatureVersion === 'v3' ? authenticateV3(call, context) : authenticateV1(call, context);
  if (!authentication.ok) return refused(authentication.verdict, signatureVersion, api.product);
  const denial = checkRam(authentication.credential, api);
  if (denial !== undefined) return refused(denial.verdict, signatureVersion, api.product, denial.detail);
  return answered(api.handle({ ...base, credential: authentication.credential }), api, signatureVersion);
}
