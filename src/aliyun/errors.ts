import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { redact, redactionMask } from '../redact.js';

/** A parsed Aliyun RPC answer; `Code` is "OK" on success and an error code otherwise. */
export type AliyunAnswer = {
  Code: string;
  Message?: string;
  RequestId?: string;
  Recommend?: string;
};

/** What must never leave the connector: every form of the secret, code, phone and signature sent. */
export type RedactionContext = {
  /** Raw values (secret, verification code, each phone form sent, signature, STS token); encodings are derived. */
  sensitive: readonly string[];
  /** The recipient as errors may show it, e.g. "138****8000". */
  maskedPhone?: string;
};

/** How a request failed before any Aliyun answer could be read. */
export type TransportFailureKind = 'timeout' | 'connection-refused' | 'dns' | 'reset' | 'network';

/** Facts about a transport failure that are safe to show. */
export type TransportFailureDetails = { timeoutMs?: number; host: string; attempts: number };

/** Optional facts about a body that was not a JSON Aliyun answer. */
export type InvalidResponseDetails = { contentType?: string; body?: string };

/** What an Aliyun code means for Logto and for the administrator. */
export type AliyunCodeClassification = {
  connectorCode: ConnectorErrorCodes;
  /** True only when Aliyun certainly did not act, so another attempt cannot send a second SMS. */
  retryable: boolean;
  /** One sentence for the administrator: what happened and what to do. */
  advice: string;
};

/**
 * usage_limit_exceeded where the host's connector-kit knows it (5.x), else general.
 * Connector-kit is the host's copy at runtime, and 4.7.0 lacks the member even though
 * our compile-time copy has it.
 */
export const usageLimitExceededCode: ConnectorErrorCodes =
  Object.values(ConnectorErrorCodes).find((value: string) => value === 'usage_limit_exceeded') ??
  ConnectorErrorCodes.General;

/** Longest Aliyun-provided text kept in an error; Aliyun's string-to-sign fits comfortably. */
const maximumTextLength = 2000;
/** Longest excerpt of a non-JSON body kept: enough to recognise a proxy's error page. */
const maximumBodyPreviewLength = 300;

const rule = (
  connectorCode: ConnectorErrorCodes,
  advice: string,
  retryable = false
): AliyunCodeClassification => ({ connectorCode, retryable, advice });

const rateLimited = (advice: string, retryable = false) =>
  rule(ConnectorErrorCodes.RateLimitExceeded, advice, retryable);
const quota = (advice: string) => rule(usageLimitExceededCode, advice);
const badInput = (advice: string) => rule(ConnectorErrorCodes.InvalidRequestParameters, advice);
const misconfigured = (advice: string) => rule(ConnectorErrorCodes.InvalidConfig, advice);
const aliyunFault = (advice: string, retryable = false) =>
  rule(ConnectorErrorCodes.General, advice, retryable);

const throttled = rateLimited(
  'Aliyun throttled the API call because the account exceeded its request rate (QPS), so no SMS was sent: try again shortly, and spread out bulk sending if it keeps happening.',
  true
);
const ramDenied = misconfigured(
  'The RAM user owning this AccessKey may not send SMS: grant it AliyunDysmsFullAccess, or a policy allowing dysms:SendSms, in the RAM console.'
);
const systemError = aliyunFault(
  'Aliyun reported an internal error, so the SMS may or may not have been sent: let the user request a new code in a minute, and check Aliyun’s service status if it persists.'
);

// A Map, not an object literal: a code such as "constructor" must not find a prototype member.
const exactCodes = new Map<string, AliyunCodeClassification>([
  [
    'isv.BUSINESS_LIMIT_CONTROL',
    rateLimited(
      'Aliyun’s per-number frequency limit was reached (by default 1 code a minute, 5 an hour, 10 a day): the user must wait before requesting another code, and the limits can be changed in the SMS console.'
    ),
  ],
  ['Throttling', throttled],
  [
    'isv.DAY_LIMIT_CONTROL',
    quota(
      'The daily sending limit set in the Aliyun SMS console was reached: raise it in the console’s security settings or wait until tomorrow.'
    ),
  ],
  [
    'isv.MONTH_LIMIT_CONTROL',
    quota(
      'The monthly sending limit set in the Aliyun SMS console was reached: raise it in the console’s security settings or wait until next month.'
    ),
  ],
  [
    'isv.AMOUNT_NOT_ENOUGH',
    quota(
      'The Aliyun account’s balance is too low to send SMS: top up the account or buy an SMS resource package.'
    ),
  ],
  [
    'isv.OUT_OF_SERVICE',
    quota(
      'Aliyun has suspended SMS for this account, usually for an overdue balance: settle the account in the Aliyun billing console.'
    ),
  ],
  [
    'isv.MOBILE_NUMBER_ILLEGAL',
    badInput(
      'Aliyun rejected the phone number for this template: check the number, and give mainland and international numbers their own templates by setting templateCode to an object with china and overseas codes.'
    ),
  ],
  [
    'isv.MOBILE_COUNT_OVER_LIMIT',
    badInput(
      'Aliyun received more phone numbers than one request allows, which this connector should never send: report it to the connector’s maintainers with the RequestId.'
    ),
  ],
  [
    'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    badInput(
      'An international template was used for a mainland China number: set templateCode to an object with a china (mainland) code and an overseas code.'
    ),
  ],
  [
    'isv.SMS_SIGNATURE_ILLEGAL',
    misconfigured(
      'Aliyun does not accept the configured signName (missing, misspelt or not approved): copy the approved signature name exactly from the SMS console.'
    ),
  ],
  [
    'isv.SIGN_NAME_ILLEGAL',
    misconfigured(
      'Aliyun does not allow the configured signName: use an approved signature name exactly as the SMS console shows it.'
    ),
  ],
  [
    'isv.SIGN_STATE_ILLEGAL',
    misconfigured(
      'The configured signature is not usable (not approved, or disabled): check its status in the SMS console and fix or replace it.'
    ),
  ],
  [
    'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
    misconfigured(
      'The signature’s type does not fit the template’s type (e.g. a verification-code signature with a notification template): use a general-purpose signature or a verification-code template.'
    ),
  ],
  [
    'isv.SMS_TEMPLATE_ILLEGAL',
    misconfigured(
      'Aliyun does not accept the template code (unknown, not approved, or not owned by this account or signature): check templateCode against the approved templates in the SMS console.'
    ),
  ],
  [
    'isv.TEMPLATE_MISSING_PARAMETERS',
    misconfigured(
      'The Aliyun template uses variables the connector does not fill: the template must use only the ${code} variable.'
    ),
  ],
  [
    'isv.TEMPLATE_PARAMS_ILLEGAL',
    misconfigured(
      'Aliyun rejected the template variable’s value for this template: use a verification-code template whose only variable is ${code}.'
    ),
  ],
  [
    'isv.INVALID_JSON_PARAM',
    misconfigured(
      'Aliyun could not read the template variables: make sure the template’s only variable is ${code}, and if it is, report the RequestId to the connector’s maintainers.'
    ),
  ],
  [
    'isv.PARAM_LENGTH_LIMIT',
    misconfigured(
      'A template variable is longer than this template type allows: use a verification-code template whose only variable is ${code}.'
    ),
  ],
  [
    'isv.PARAM_NOT_SUPPORT_URL',
    misconfigured(
      'Aliyun refuses links in this template’s variables: use a verification-code template whose only variable is ${code}.'
    ),
  ],
  [
    'isv.BLACK_KEY_CONTROL_LIMIT',
    misconfigured(
      'The message contains a word Aliyun blocks: reword the template in the SMS console and submit it for approval again.'
    ),
  ],
  [
    'isv.SMS_CONTENT_ILLEGAL',
    misconfigured(
      'Aliyun blocked the message content as not allowed by the carriers: revise the template in the SMS console and submit it for approval again.'
    ),
  ],
  ['isp.RAM_PERMISSION_DENY', ramDenied],
  ['Forbidden.RAM', ramDenied],
  [
    'isv.DENY_IP_RANGE',
    misconfigured(
      'Aliyun refuses mainland China SMS requested from an IP address outside the mainland: send from a server (or egress) with a mainland IP address.'
    ),
  ],
  [
    'isv.PRODUCT_UN_SUBSCRIPT',
    misconfigured(
      'Short Message Service is not activated for this Aliyun account: activate it in the Aliyun console.'
    ),
  ],
  [
    'isv.ACCOUNT_NOT_EXISTS',
    misconfigured(
      'Aliyun knows no account for these credentials: check accessKeyId and that the account still exists.'
    ),
  ],
  [
    'isv.ACCOUNT_ABNORMAL',
    misconfigured(
      'Aliyun reports this account as abnormal: check the account’s status in the Aliyun console and contact Aliyun support if needed.'
    ),
  ],
  [
    'isv.SECURITY_FROZEN_ACCOUNT',
    misconfigured('Aliyun has frozen this account for security reasons: contact Aliyun support.'),
  ],
  [
    'isv.SMS_TEST_NUMBER_LIMIT',
    misconfigured(
      'A test signature or template only sends to test numbers bound in the SMS console: bind this number there, or switch to an approved production signature and template.'
    ),
  ],
  [
    'isv.SMS_TEST_SIGN_TEMPLATE_LIMIT',
    misconfigured(
      'Aliyun’s test signature and test template only work together: pair them, or use an approved production signature and template.'
    ),
  ],
  [
    'isv.SMS_TEST_TEMPLATE_PARAMS_ILLEGAL',
    misconfigured(
      'The test template only accepts a code of 4 to 6 digits: use an approved production template for anything else.'
    ),
  ],
  [
    'SignatureDoesNotMatch',
    misconfigured(
      'Aliyun rejected the request signature: check accessKeySecret for a stray space or a wrong secret.'
    ),
  ],
  [
    'InvalidAccessKeyId.NotFound',
    misconfigured(
      'Aliyun does not know this accessKeyId: copy it again from the RAM console, without spaces.'
    ),
  ],
  [
    'InvalidAccessKeyId.Inactive',
    misconfigured(
      'This AccessKey is disabled: enable it, or create a new one, in the RAM console.'
    ),
  ],
  [
    // The clock of the Logto server, not the request, is wrong: resending cannot help.
    'InvalidTimeStamp.Expired',
    misconfigured(
      'Aliyun rejected the request time as more than 15 minutes off its own clock: synchronise the Logto server’s clock (NTP).'
    ),
  ],
  [
    // Each attempt is signed with a fresh nonce, so a reused one means an earlier attempt of
    // this very request already reached Aliyun and may have sent the SMS: never retry it.
    'SignatureNonceUsed',
    aliyunFault(
      'Aliyun had already received this exact request, so an earlier attempt arrived and the SMS may have been sent: do not resend at once, and report it if it recurs, since something is replaying requests.'
    ),
  ],
  ['isp.SYSTEM_ERROR', systemError],
  ['InternalError', systemError],
  [
    'ServiceUnavailable',
    aliyunFault(
      'Aliyun’s SMS service was temporarily unavailable and did not process the request: try again shortly.',
      true
    ),
  ],
]);

// Families whose members share a meaning; exact codes above take precedence.
type CodeFamily = readonly [prefix: string, classification: AliyunCodeClassification];

const codeFamilies: readonly CodeFamily[] = [
  ['Throttling.', throttled],
  [
    'InvalidAccessKeyId.',
    misconfigured(
      'Aliyun rejected the accessKeyId: copy it again from the RAM console, without spaces, and check that the key is enabled.'
    ),
  ],
  [
    'InvalidSecurityToken.',
    misconfigured(
      'Aliyun rejected the STS security token (expired, malformed or issued for another AccessKey): refresh the temporary credentials.'
    ),
  ],
  [
    'Forbidden.',
    misconfigured(
      'Aliyun refused this AccessKey the request: check in the RAM console that the key is enabled and allowed to send SMS.'
    ),
  ],
];

const unknownCode = aliyunFault(
  'Aliyun answered with an error code this connector does not know: look the code up in Aliyun’s SMS error-code list, and quote the RequestId to Aliyun support if it persists.'
);

/** Classifies an Aliyun Code: which ConnectorErrorCodes it becomes, whether a retry is safe, and advice for the administrator. */
export function classifyAliyunCode(code: string): AliyunCodeClassification {
  return (
    exactCodes.get(code) ??
    codeFamilies.find(([prefix]) => code.startsWith(prefix))?.[1] ??
    unknownCode
  );
}

/** Every code with its own classification, for documentation and exhaustive tests. */
export const knownAliyunCodes: readonly string[] = [...exactCodes.keys()];

const clip = (text: string, limit: number): string =>
  text.length > limit ? `${text.slice(0, limit)}…` : text;

/** Redacts before clipping: clipping first could cut a secret in half and keep the half. */
const safeText = (text: string, context: RedactionContext, limit = maximumTextLength): string =>
  clip(redact(text, context.sensitive), limit);

// Request parameters that carry the recipient, the code or credentials, in the three
// syntaxes they travel in: a form body, a string-to-sign (separators encoded once) and a
// string-to-sign nested once more.
const signedParameterNames = 'PhoneNumbers|TemplateParam|Signature|SecurityToken';
const parameterSyntaxes: readonly RegExp[] = [
  new RegExp(`((?:${signedParameterNames})=)[^&\\s]*`, 'g'),
  new RegExp(`((?:${signedParameterNames})%3D)(?:(?!%26)[^\\s])*`, 'gi'),
  new RegExp(`((?:${signedParameterNames})%253D)(?:(?!%2526)[^\\s])*`, 'gi'),
];

/**
 * Masks the values of sensitive request parameters by name, so that an echoed request
 * stays safe even when the caller forgot one of the forms a value was sent in.
 */
export const maskRequestParameters = (text: string): string =>
  parameterSyntaxes.reduce(
    (masked, syntax) => masked.replace(syntax, (_match, name: string) => `${name}${redactionMask}`),
    text
  );

const stringToSignPattern = /string to sign is\s*:\s*(\S[\s\S]*)$/i;

/** The string-to-sign Aliyun quotes in a SignatureDoesNotMatch Message, if any. */
export const quotedStringToSign = (message: string): string | undefined =>
  stringToSignPattern.exec(message)?.[1]?.trim();

/** Aliyun-provided text made safe: sensitive parameters masked, sensitive values removed, length bounded. */
const safeAliyunText = (text: string, context: RedactionContext): string =>
  safeText(maskRequestParameters(text), context);

const phoneField = (context: RedactionContext): { phone?: string } =>
  context.maskedPhone === undefined ? {} : { phone: safeText(context.maskedPhone, context) };

/**
 * Builds the host's ConnectorError with a readable message: connector-kit would make the
 * message the JSON of data, which is hard to read in logs and in the console's toast.
 */
const connectorError = (
  code: ConnectorErrorCodes,
  data: { errorDescription: string },
  summary: string
): ConnectorError => {
  const error = new ConnectorError(code, data);
  error.message = summary;
  // Re-captured so the stack's first line carries the readable message, not the JSON.
  Error.captureStackTrace(error, connectorError);
  return error;
};

/** Turns a non-OK Aliyun answer (any HTTP status) into a ConnectorError with safe data. */
export function aliyunAnswerError(
  answer: AliyunAnswer,
  httpStatus: number,
  context: RedactionContext
): ConnectorError {
  const { connectorCode, advice } = classifyAliyunCode(answer.Code);
  const aliyunCode = safeAliyunText(answer.Code, context);
  const stringToSign =
    answer.Message === undefined ? undefined : quotedStringToSign(answer.Message);
  const data = {
    errorDescription: advice,
    // Aliyun's own field names, so an administrator can match them with Aliyun's docs.
    Code: aliyunCode,
    ...(answer.Message === undefined
      ? {}
      : { Message: safeAliyunText(answer.Message, context) }),
    ...(answer.RequestId === undefined
      ? {}
      : { RequestId: safeAliyunText(answer.RequestId, context) }),
    ...(answer.Recommend === undefined
      ? {}
      : { Recommend: safeAliyunText(answer.Recommend, context) }),
    ...(stringToSign === undefined
      ? {}
      : { serverStringToSign: safeAliyunText(stringToSign, context) }),
    httpStatus,
    ...phoneField(context),
  };
  return connectorError(
    connectorCode,
    data,
    `Aliyun SMS failed with ${aliyunCode} (HTTP ${httpStatus}): ${advice}`
  );
}

/** A ConnectorError for a body that is not a JSON Aliyun answer. */
export function invalidResponseError(
  httpStatus: number,
  context: RedactionContext,
  details: InvalidResponseDetails = {}
): ConnectorError {
  const errorDescription = `Aliyun answered HTTP ${httpStatus} with a body that is not a JSON Aliyun answer, so whether the SMS was sent is unknown: check that the endpoint is Aliyun’s Dysmsapi and that no proxy rewrites its answers.`;
  const data = {
    errorDescription,
    httpStatus,
    ...(details.contentType === undefined
      ? {}
      : { contentType: safeText(details.contentType, context, 200) }),
    ...(details.body === undefined
      ? {}
      : {
          bodyPreview: safeText(
            maskRequestParameters(details.body),
            context,
            maximumBodyPreviewLength
          ),
        }),
    ...phoneField(context),
  };
  return connectorError(
    ConnectorErrorCodes.InvalidResponse,
    data,
    `Aliyun SMS failed: ${errorDescription}`
  );
}

const attemptsText = (attempts: number): string =>
  attempts === 1 ? '1 attempt' : `${attempts} attempts`;

/** Whether Aliyun may have received the request, and so may have sent the SMS. */
const mayHaveBeenSent = (kind: TransportFailureKind): boolean =>
  kind === 'timeout' || kind === 'reset' || kind === 'network';

const transportDescription = (
  kind: TransportFailureKind,
  host: string,
  attempts: number,
  timeoutMs: number | undefined
): string => {
  const tries = attemptsText(attempts);
  switch (kind) {
    case 'timeout': {
      const after = timeoutMs === undefined ? '' : ` after ${timeoutMs} ms`;
      return `The request to ${host} timed out${after} (${tries}), so the SMS may still have been sent and was not sent again: let the user wait a minute before requesting a new code, and check the network path from Logto to Aliyun or raise the timeout.`;
    }
    case 'connection-refused': {
      return `${host} refused the connection (${tries}), so no SMS was sent: check the endpoint in the connector configuration and any firewall or proxy between Logto and Aliyun.`;
    }
    case 'dns': {
      return `The host name ${host} could not be resolved (${tries}), so no SMS was sent: check the endpoint’s spelling and the Logto server’s DNS settings.`;
    }
    case 'reset': {
      return `The connection to ${host} was reset (${tries}), so the SMS may have been sent and was not sent again: let the user wait a minute before requesting a new code, and check proxies and network stability between Logto and Aliyun.`;
    }
    case 'network': {
      return `A network error interrupted the request to ${host} (${tries}), so the SMS may have been sent and was not sent again: check the Logto server’s network connection to Aliyun.`;
    }
  }
};

/** A ConnectorError for a transport failure (timeout, refused, DNS, reset...), never carrying the raw got error. */
export function transportError(
  kind: TransportFailureKind,
  details: TransportFailureDetails,
  context: RedactionContext
): ConnectorError {
  const host = safeText(details.host, context, 255);
  const errorDescription = transportDescription(kind, host, details.attempts, details.timeoutMs);
  const data = {
    errorDescription,
    failure: kind,
    host,
    attempts: details.attempts,
    ...(details.timeoutMs === undefined ? {} : { timeoutMs: details.timeoutMs }),
    smsMayHaveBeenSent: mayHaveBeenSent(kind),
    ...phoneField(context),
  };
  return connectorError(
    ConnectorErrorCodes.General,
    data,
    `Aliyun SMS failed: ${errorDescription}`
  );
}
