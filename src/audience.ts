// Logto shows a ConnectorError to two readers. In sign-in flows it returns the error's `data` to
// an anonymous end user, who must learn what happened and nothing of the configuration. Behind
// the console's Send button the reader is the administrator, who sees Logto's toast: it shows
// `data.errorDescription` only for `general`, so there every failure becomes `general` carrying
// the advice. The error's `message` (Logto's logs, read by admins only) keeps the admin detail.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { idsForEndUser } from './aliyun/aliyun-ids.js';
import { connectorError } from './aliyun/failures.js';
import { namedField } from './config/labels.js';

/** Who reads a failed send's error. */
export type Audience = 'end-user' | 'admin';

const field = (data: unknown, key: string): unknown =>
  typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;

const textField = (data: unknown, key: string): string | undefined => {
  const value = field(data, key);
  return typeof value === 'string' ? value : undefined;
};

const stringList = (data: unknown, key: string): string[] => {
  const value = field(data, key);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};

const configProblem =
  'Verification codes cannot be sent by SMS right now because of a problem on this site. Please try again later.';

// Refusals of the number speak of the number only: the end user typed it.
const phoneReasonMessages: Readonly<Record<string, string>> = {
  missing_country_code: 'Please enter the phone number with its country code.',
  country_not_allowed: 'Verification codes cannot be sent to phone numbers of this country.',
  not_mainland: 'Verification codes can only be sent to mainland China mobile numbers.',
};

const defaultUserMessages: Readonly<Partial<Record<string, string>>> = {
  [ConnectorErrorCodes.InvalidConfig]: configProblem,
  [ConnectorErrorCodes.TemplateNotFound]: configProblem,
  [ConnectorErrorCodes.NotImplemented]: configProblem,
  [ConnectorErrorCodes.InvalidRequestParameters]:
    'This phone number cannot receive a verification code by SMS. Please check the number.',
  [ConnectorErrorCodes.InsufficientRequestParameters]:
    'The verification code could not be sent. Please try again.',
  [ConnectorErrorCodes.RateLimitExceeded]:
    'Too many verification codes were requested. Please wait a few minutes before requesting another one.',
  [ConnectorErrorCodes.InvalidResponse]:
    'The SMS service gave an unexpected answer. If no code arrives within a minute, please request a new one.',
};

const fallbackUserMessage = 'The verification code could not be sent by SMS. Please try again later.';

const userMessageOf = (error: ConnectorError): string => {
  const reason = textField(error.data, 'reason');
  return (
    textField(error.data, 'userMessage') ??
    (reason === undefined ? undefined : phoneReasonMessages[reason]) ??
    (error.code === ConnectorErrorCodes.InvalidRequestParameters && reason !== undefined
      ? 'This phone number is not valid. Please check it and try again.'
      : undefined) ??
    defaultUserMessages[error.code] ??
    fallbackUserMessage
  );
};

// Only these facts reach an end user: Aliyun's Code and RequestId in Aliyun's shapes, the kind
// of transport failure, and why the number was refused. None of them comes from the configuration.
const endUserKeys = ['failure', 'reason'] as const;

/** The admin detail for Logto's logs: connector-kit's own message is only the JSON of data. */
const readableMessage = (error: ConnectorError): string => {
  const description = textField(error.data, 'errorDescription');
  return error.message.startsWith('ConnectorError: ') && description !== undefined
    ? `Aliyun SMS connector: ${description}`
    : error.message;
};

/** The error for an anonymous end user: same code (so the same HTTP status), data free of config. */
export const forEndUser = (error: ConnectorError): ConnectorError => {
  const data: { errorDescription: string; [key: string]: unknown } = {
    errorDescription: userMessageOf(error),
    ...idsForEndUser({ Code: textField(error.data, 'Code'), RequestId: textField(error.data, 'RequestId') }),
  };
  for (const key of endUserKeys) {
    const value = textField(error.data, key);
    if (value !== undefined) {
      data[key] = value;
    }
  }
  return connectorError(error.code, data, readableMessage(error));
};

/** The administrator's advice: what happened, the keys to fix, Aliyun's ids, and any findings. */
export const adminAdvice = (error: ConnectorError, findings: readonly string[] = []): string => {
  const description = textField(error.data, 'errorDescription') ?? error.message;
  const code = textField(error.data, 'Code');
  const requestId = textField(error.data, 'RequestId');
  const fields = stringList(error.data, 'fields').map((key) => namedField(key.split('.')[0] ?? key));
  const parts = [
    description,
    ...(fields.length > 0 ? [`Config to check: ${[...new Set(fields)].join(', ')}.`] : []),
    ...(code === undefined && requestId === undefined
      ? []
      : [[code === undefined ? undefined : `Aliyun Code: ${code}`, requestId === undefined ? undefined : `RequestId: ${requestId}`].filter((part) => part !== undefined).join(', ') + '.']),
    ...findings,
  ];
  return parts.join(' ');
};

/** The error for the administrator pressing Send: `general`, so the toast shows the advice; the precise code stays in data. */
export const forAdmin = (error: ConnectorError, findings: readonly string[] = []): ConnectorError => {
  const original = typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};
  Reflect.deleteProperty(original, 'userMessage');
  return connectorError(
    ConnectorErrorCodes.General,
    { ...original, errorDescription: adminAdvice(error, findings), connectorCode: error.code },
    readableMessage(error)
  );
};

/** A thrown value that is not a ConnectorError, as one: Logto answers anything else with HTTP 500. */
export const asConnectorError = (error: unknown): ConnectorError => {
  if (error instanceof ConnectorError) {
    return error;
  }
  // Only the error's class is kept: a message could quote a value it was handed.
  const kind = error instanceof Error ? error.name : typeof error;
  return connectorError(
    ConnectorErrorCodes.General,
    {
      errorDescription: `The connector failed unexpectedly (${kind}). Report it to the connector’s maintainers with the time of the send.`,
      userMessage: fallbackUserMessage,
    },
    `Aliyun SMS connector failed unexpectedly: ${kind}`
  );
};

/** The same error with one more sentence of advice for the administrator (data and message). */
export const appendAdvice = (error: ConnectorError, sentence: string): ConnectorError => {
  const original = typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};
  const description = textField(error.data, 'errorDescription') ?? '';
  return connectorError(
    error.code,
    { ...original, errorDescription: `${description} ${sentence}`.trim() },
    `${readableMessage(error)} ${sentence}`
  );
};

/** Shapes an error for its reader. */
export const forAudience = (error: ConnectorError, audience: Audience, findings: readonly string[] = []): ConnectorError =>
  audience === 'admin' ? forAdmin(error, findings) : forEndUser(error);
