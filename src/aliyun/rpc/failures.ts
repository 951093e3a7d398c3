// Turns what went wrong in a call to Aliyun into a ConnectorError for the administrator: its
// message (what Logto logs) and data say what happened, what to fix and Aliyun's ids, with every
// Aliyun-provided text made safe. src/audience.ts then decides what an end user may see of it.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { SentenceId } from '../../end-user/sentences.js';

import type { AliyunAnswer } from './answer.js';
import { quotedStringToSign, safeAliyunText, safeText, type SensitiveValues } from './aliyun-text.js';
import { classifyCode, type AliyunProduct } from '../classify.js';
import type { CodeKind } from './codes/meaning.js';
import type { Destination, MaybeSentFailure, NeverSentFailure } from './transport/transport.js';
import { maybeSentUserSentence, notSentUserSentence, userSentenceOfKind } from './user-messages.js';

/**
 * usage_limit_exceeded where the host's connector-kit knows it (5.x), else general. At runtime
 * connector-kit is the host's copy, and 4.7.0 lacks the member our compile-time copy has.
 */
export const usageLimitExceededCode: ConnectorErrorCodes =
  Object.values(ConnectorErrorCodes).find((value: string) => value === 'usage_limit_exceeded') ??
  ConnectorErrorCodes.General;

/** Which ConnectorErrorCodes each kind of Aliyun Code becomes. */
export const connectorCodeOfKind = (kind: CodeKind): ConnectorErrorCodes => {
  switch (kind) {
    case 'per-number-limit':
    case 'throttled': {
      return ConnectorErrorCodes.RateLimitExceeded;
    }
    case 'quota': {
      return usageLimitExceededCode;
    }
    case 'recipient': {
      return ConnectorErrorCodes.InvalidRequestParameters;
    }
    case 'config':
    case 'deployment': {
      return ConnectorErrorCodes.InvalidConfig;
    }
    case 'aliyun-fault': {
      return ConnectorErrorCodes.General;
    }
  }
};

/** What every failure of one send knows: what to hide, whom it was for, which product. */
export type FailureContext = {
  product: AliyunProduct;
  /** Raw values that must never appear (secret, token, code, the number's forms, signatures). */
  sensitive: SensitiveValues;
  /** The recipient as errors may show it, e.g. "138******00". */
  maskedPhoneNumber?: string;
};

/**
 * Data every failure carries for the administrator; `userSentence` names the end user's sentence
 * (src/end-user/sentences.ts), which src/audience.ts says in the user's language in place of
 * everything else when the reader is an end user, filling its placeholders from `userSentenceValues`.
 */
export type FailureData = {
  errorDescription: string;
  userSentence?: SentenceId;
  userSentenceValues?: Readonly<Record<string, string>>;
  [key: string]: unknown;
};

// The masked number is redacted too: a caller that passed the full number by mistake must not
// put it in Logto's logs.
const phoneSuffix = (context: FailureContext): string =>
  context.maskedPhoneNumber === undefined
    ? ''
    : ` (recipient ${safeText(context.maskedPhoneNumber, context.sensitive, 40)})`;

const phoneData = (context: FailureContext): { maskedPhoneNumber?: string } =>
  context.maskedPhoneNumber === undefined
    ? {}
    : { maskedPhoneNumber: safeText(context.maskedPhoneNumber, context.sensitive, 40) };

/**
 * Builds the host's ConnectorError with a readable message: connector-kit would make the
 * message the JSON of data, which is hard to read in Logto's logs and audit log.
 */
export const connectorError = (
  code: ConnectorErrorCodes,
  data: FailureData,
  message: string
): ConnectorError => {
  const error = new ConnectorError(code, data);
  error.message = message;
  // Re-captured so the stack's first line carries the readable message, not the JSON.
  Error.captureStackTrace(error, connectorError);
  return error;
};

/** A ConnectorError for an Aliyun answer whose Code is not OK (any HTTP status). */
export const aliyunAnswerError = (
  answer: AliyunAnswer,
  httpStatus: number,
  context: FailureContext,
  /** The answer's Date header: Aliyun's clock, which the config doctor compares with ours. */
  serverDate?: string
): ConnectorError => {
  const { kind, advice, field } = classifyCode(context.product, answer.Code);
  const safe = (text: string) => safeAliyunText(text, context.sensitive);
  const code = safe(answer.Code);
  const requestId = answer.RequestId === undefined ? undefined : safe(answer.RequestId);
  const stringToSign = answer.Message === undefined ? undefined : quotedStringToSign(answer.Message);
  const data: FailureData = {
    errorDescription: advice,
    // Aliyun's own field names, so an administrator can match them with Aliyun's docs.
    Code: code,
    ...(answer.Message === undefined ? {} : { Message: safe(answer.Message) }),
    ...(requestId === undefined ? {} : { RequestId: requestId }),
    ...(answer.Recommend === undefined ? {} : { Recommend: safe(answer.Recommend) }),
    ...(stringToSign === undefined ? {} : { serverStringToSign: safe(stringToSign) }),
    httpStatus,
    ...(serverDate === undefined ? {} : { serverDate: safeText(serverDate, context.sensitive, 100) }),
    ...(field === undefined ? {} : { fields: [field] }),
    smsMayHaveBeenSent: kind === 'aliyun-fault',
    ...phoneData(context),
    userSentence: userSentenceOfKind[kind],
  };
  const ids = requestId === undefined ? '' : `, RequestId ${requestId}`;
  return connectorError(
    connectorCodeOfKind(kind),
    data,
    `Aliyun SMS failed with ${code} (HTTP ${httpStatus}${ids})${phoneSuffix(context)}: ${advice}`
  );
};

/** Why an answer could not be taken as Aliyun's verdict. */
export type InvalidAnswerReason =
  /** Not JSON, or JSON without a string Code. */
  | 'not-an-answer'
  /** Longer than the connector reads. */
  | 'too-large'
  /** Code OK, but no BizId: nothing proves the SMS was accepted. */
  | 'ok-without-id'
  /** Code OK with a non-2xx status: not a success. */
  | 'ok-with-error-status';

const invalidAnswerDescriptions: Readonly<Record<InvalidAnswerReason, string>> = {
  'not-an-answer': 'with a body that is not a JSON Aliyun answer',
  'too-large': 'with a body longer than the 64 KiB the connector reads, so it was not read to the end',
  'ok-without-id': 'with Code OK but no BizId',
  'ok-with-error-status': 'with Code OK but an error status',
};

/** Optional facts about a body that was not Aliyun's verdict. */
export type InvalidAnswerDetails = {
  contentType?: string;
  body?: string;
  answer?: AliyunAnswer;
};

/** Longest excerpt of an unreadable body kept: enough to recognise a proxy's error page. */
const maximumBodyPreviewLength = 300;

/** A ConnectorError for an answer that is not Aliyun's verdict on the send. */
export const invalidAnswerError = (
  reason: InvalidAnswerReason,
  httpStatus: number,
  context: FailureContext,
  details: InvalidAnswerDetails = {}
): ConnectorError => {
  const errorDescription = `Aliyun’s endpoint answered HTTP ${httpStatus} ${invalidAnswerDescriptions[reason]}, so whether the SMS was sent is unknown and it was not sent again: check that endpoint points at Aliyun and that no proxy rewrites or redirects its answers.`;
  const requestId = details.answer?.RequestId;
  const data: FailureData = {
    errorDescription,
    reason,
    httpStatus,
    // An OK Code here is no verdict: only an error Code is worth passing on.
    ...(details.answer === undefined || details.answer.Code === 'OK'
      ? {}
      : { Code: safeAliyunText(details.answer.Code, context.sensitive, 100) }),
    ...(requestId === undefined ? {} : { RequestId: safeAliyunText(requestId, context.sensitive, 100) }),
    ...(details.contentType === undefined ? {} : { contentType: safeText(details.contentType, context.sensitive, 200) }),
    ...(details.body === undefined
      ? {}
      : { bodyPreview: safeAliyunText(details.body, context.sensitive, maximumBodyPreviewLength) }),
    fields: ['endpoint'],
    smsMayHaveBeenSent: true,
    ...phoneData(context),
    userSentence: maybeSentUserSentence,
  };
  return connectorError(
    ConnectorErrorCodes.InvalidResponse,
    data,
    `Aliyun SMS failed${phoneSuffix(context)}: ${errorDescription}`
  );
};

/** How a request failed before any answer could be read; `no-time-left`: the deadline passed before it was sent. */
export type TransportFailure = NeverSentFailure | MaybeSentFailure | 'no-time-left';

/** Facts about a transport failure that are safe to show administrators. */
export type TransportDetails = {
  destination: Destination;
  attempts: number;
  timeoutMs: number;
};

const neverSentFailures: ReadonlySet<TransportFailure> = new Set<TransportFailure>([
  'connection-refused',
  'dns',
  'connect-timeout',
  'connect-failed',
  'tls',
  'no-time-left',
]);

/** Whether Aliyun may have received the request, and so may have sent the SMS. */
export const mayHaveBeenSent = (failure: TransportFailure): boolean => !neverSentFailures.has(failure);

const tries = (attempts: number): string => (attempts === 1 ? '1 attempt' : `${attempts} attempts`);

const transportDescription = (failure: TransportFailure, where: string, details: TransportDetails): string => {
  const attempts = tries(details.attempts);
  switch (failure) {
    case 'timeout': {
      return `The request to ${where} timed out after ${details.timeoutMs} ms (${attempts}), so the SMS may still have been sent and was not sent again: let the user wait a minute before requesting a new code, and check the network path from Logto to Aliyun or raise timeout.`;
    }
    case 'connect-timeout': {
      return `No connection to ${where} could be made within ${details.timeoutMs} ms (${attempts}), so no SMS was sent: check endpoint and any firewall or proxy between Logto and Aliyun.`;
    }
    case 'connect-failed': {
      return `The connection to ${where} was closed before the request was sent (${attempts}), so no SMS was sent: check endpoint and any firewall or proxy between Logto and Aliyun.`;
    }
    case 'no-time-left': {
      return `The timeout of ${details.timeoutMs} ms ran out before the request to ${where} could be sent (obtaining credentials took it), so no SMS was sent: raise timeout, or check the credential source.`;
    }
    case 'connection-refused': {
      return `${where} refused the connection (${attempts}), so no SMS was sent: check endpoint and any firewall or proxy between Logto and Aliyun.`;
    }
    case 'dns': {
      return `The host name of ${where} could not be resolved (${attempts}), so no SMS was sent: check endpoint’s spelling and the Logto server’s DNS settings.`;
    }
    case 'tls': {
      return `The TLS certificate of ${where} was not trusted or did not match its name (${attempts}), so no SMS was sent: check endpoint; if a proxy intercepts TLS, give Node.js its CA with NODE_EXTRA_CA_CERTS.`;
    }
    case 'reset': {
      return `The connection to ${where} was reset (${attempts}), so the SMS may have been sent and was not sent again: let the user wait a minute before requesting a new code, and check proxies and network stability between Logto and Aliyun.`;
    }
    case 'network': {
      return `A network error interrupted the request to ${where} (${attempts}), so the SMS may have been sent and was not sent again: check the Logto server’s network connection to Aliyun.`;
    }
  }
};

/** A ConnectorError for a transport failure, never carrying the HTTP client's own error. */
export const transportError = (
  failure: TransportFailure,
  details: TransportDetails,
  context: FailureContext
): ConnectorError => {
  const host = safeText(details.destination.host, context.sensitive, 255);
  const where = `${host}:${details.destination.port}`;
  const errorDescription = transportDescription(failure, where, details);
  const sent = mayHaveBeenSent(failure);
  const data: FailureData = {
    errorDescription,
    failure,
    host,
    port: details.destination.port,
    attempts: details.attempts,
    timeoutMs: details.timeoutMs,
    smsMayHaveBeenSent: sent,
    ...(sent ? {} : { fields: ['endpoint'] }),
    ...phoneData(context),
    userSentence: sent ? maybeSentUserSentence : notSentUserSentence,
  };
  return connectorError(
    ConnectorErrorCodes.General,
    data,
    `Aliyun SMS failed${phoneSuffix(context)}: ${errorDescription}`
  );
};
