// Logto shows a ConnectorError to two readers. In sign-in flows it returns the error's `data` to
// an anonymous end user, who must learn what happened and nothing of the configuration. Behind
// the console's Send button the reader is the administrator, who sees Logto's toast: it shows
// `data.errorDescription` only for `general`, so there every failure becomes `general` carrying
// the advice. The error's `message` (Logto's logs, read by admins only) keeps the admin detail.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { idsForEndUser } from './aliyun/rpc/aliyun-ids.js';
import { connectorError } from './aliyun/rpc/failures.js';
import { namedConfigKey } from './config/labels.js';
import { fillsSentence, sayToEndUser, type SentenceValues } from './end-user/say.js';
import { isSentenceId, type SentenceId } from './end-user/sentences.js';

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

// Refusals of the number speak of the number only: the end user typed it.
const phoneReasonSentences: Readonly<Record<string, SentenceId>> = {
  missing_country_code: 'missing-country-code',
  country_not_allowed: 'country-not-allowed',
  not_mainland: 'mainland-only',
  mainland_needs_template: 'mainland-unavailable',
};

const defaultSentences: Readonly<Partial<Record<string, SentenceId>>> = {
  [ConnectorErrorCodes.InvalidConfig]: 'site-problem',
  [ConnectorErrorCodes.TemplateNotFound]: 'site-problem',
  [ConnectorErrorCodes.NotImplemented]: 'site-problem',
  [ConnectorErrorCodes.InvalidRequestParameters]: 'number-cannot-receive',
  [ConnectorErrorCodes.InsufficientRequestParameters]: 'not-sent',
  [ConnectorErrorCodes.RateLimitExceeded]: 'too-many-requests',
  [ConnectorErrorCodes.InvalidResponse]: 'unexpected-answer',
};

/** The text values of `userSentenceValues`; anything else there is dropped. */
const sentenceValuesOf = (data: unknown): SentenceValues => {
  const value = field(data, 'userSentenceValues');
  return typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : {};
};

/** The sentence the failure chose, when it names one and gives every value the sentence needs. */
const chosenSentence = (data: unknown): { id: SentenceId; values: SentenceValues } | undefined => {
  const id = field(data, 'userSentence');
  const values = sentenceValuesOf(data);
  return isSentenceId(id) && fillsSentence(id, values) ? { id, values } : undefined;
};

const userSentenceOf = (error: ConnectorError): { id: SentenceId; values: SentenceValues } => {
  const reason = textField(error.data, 'reason');
  const id =
    (reason !== undefined && Object.hasOwn(phoneReasonSentences, reason) ? phoneReasonSentences[reason] : undefined) ??
    (error.code === ConnectorErrorCodes.InvalidRequestParameters && reason !== undefined ? 'invalid-number' : undefined) ??
    defaultSentences[error.code] ??
    'not-sent';
  return chosenSentence(error.data) ?? { id, values: {} };
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

/**
 * The error for an anonymous end user: same code (so the same HTTP status), data free of config,
 * the sentence in the first of the user's `languages` (preference order) it exists in.
 */
export const forEndUser = (error: ConnectorError, languages: readonly string[] = []): ConnectorError => {
  const { id, values } = userSentenceOf(error);
  const data: { errorDescription: string; [key: string]: unknown } = {
    errorDescription: sayToEndUser(id, languages, values),
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
  const fields = stringList(error.data, 'fields').map((key) => namedConfigKey(key));
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
  Reflect.deleteProperty(original, 'userSentence');
  Reflect.deleteProperty(original, 'userSentenceValues');
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
      userSentence: 'not-sent',
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

/**
 * Shapes an error for its reader: the administrator's advice (in English: the console's Send
 * passes no language) with any findings, or the end user's sentence in one of their `languages`.
 */
export const forAudience = (
  error: ConnectorError,
  audience: Audience,
  { findings = [], languages = [] }: { findings?: readonly string[]; languages?: readonly string[] } = {}
): ConnectorError => (audience === 'admin' ? forAdmin(error, findings) : forEndUser(error, languages));
