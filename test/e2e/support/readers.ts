// What each reader of a failed send may see. A runtime send's error reaches an anonymous end
// user (Logto returns its data): the precise code, one sentence, Aliyun's Code and RequestId,
// the transport failure's kind and a refusal's reason, nothing of the configuration. The
// console's Send button is read by the administrator: always `general` (Logto's toast shows
// errorDescription only then), the precise code under connectorCode, advice naming the key.
import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';
import { expect } from 'vitest';

import { fieldLabels, type ConfigKeyName } from '../../../src/config/labels.js';
import type { AliyunSmsConfigInput } from '../../../src/index.js';
import { templateCodesOfEntry } from '../../../src/templates/entry.js';

import { dataField } from './harness.js';
import { encodedForms } from './leaks.js';

/** A ConnectorError's data (typed unknown by connector-kit) as a record. */
export const dataOf = (error: ConnectorError): Record<string, unknown> => {
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? { ...data } : {};
};

/** The only keys an end user's error data may hold. */
const endUserKeys = new Set(['errorDescription', 'Code', 'RequestId', 'failure', 'reason']);

/** What an end user's error must be: its code, and exactly these facts beside the sentence. */
export type EndUserExpectation = {
  readonly code: ConnectorErrorCodes;
  readonly Code?: string;
  readonly RequestId?: string;
  readonly failure?: string;
  readonly reason?: string;
  /** What the sentence must say. */
  readonly says?: RegExp;
};

/** Asserts a runtime error: the precise code, and data holding the sentence and exactly the expected facts. */
export const expectEndUserError = (error: ConnectorError, { code, says, ...facts }: EndUserExpectation): void => {
  expect(error.code).toBe(code);
  const data = dataOf(error);
  const expected: Record<string, unknown> = { errorDescription: expect.any(String), ...facts };
  expect(data).toEqual(expected);
  expect(Object.keys(data).filter((key) => !endUserKeys.has(key))).toEqual([]);
  const sentence = String(dataField(error, 'errorDescription'));
  expect(sentence.trim().length).toBeGreaterThan(20);
  if (says !== undefined) {
    expect(sentence).toMatch(says);
  }
};

const templateCodesOf = (config: AliyunSmsConfigInput): string[] =>
  config.templates.flatMap((entry) => templateCodesOfEntry(entry));

/** A value that must not appear as a whole token (a port or a timeout could occur inside a longer id). */
const tokenPattern = (value: string): RegExp =>
  new RegExp(`(?<![0-9A-Za-z])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);

// "service" is left out: the end user's sentences rightly speak of "the SMS service".
const fieldNames = Object.keys(fieldLabels).filter((key) => key !== 'service');
const fieldLabelTexts = Object.values(fieldLabels);
/** Words only the administrator's advice uses. */
const adviceWords = ['Config to check', 'Aliyun Code:', 'RAM', 'console', 'connectorCode', 'maskedPhoneNumber', 'httpStatus'];

/** Aliyun's answer as the test knows it, when one was received. */
export type AliyunFacts = { readonly Message?: string; readonly Code?: string };

/**
 * Asserts the serialised data of an end user's error carries nothing of the configuration: not
 * the AccessKey ID, sign name (raw or encoded), any template code, the endpoint's host or port,
 * the timeout, Aliyun's Message (which quotes the string-to-sign), nor any admin advice words.
 */
export const expectNoConfigDetail = (
  error: ConnectorError,
  config: AliyunSmsConfigInput,
  aliyun: AliyunFacts = {}
): void => {
  const serialised = JSON.stringify(error.data);
  // Aliyun's ids and the failure's kinds are allowed, and may hold a word or a number by chance
  // ("isp.RAM_…", "-3000-", "timeout"): the word and number checks skip them.
  const withoutIds = JSON.stringify({ ...dataOf(error), Code: undefined, RequestId: undefined, failure: undefined, reason: undefined });
  const found: string[] = [];
  const values: Record<string, readonly string[]> = {
    accessKeyId: config.accessKeyId === undefined ? [] : [config.accessKeyId],
    signName: config.signName === undefined ? [] : [config.signName],
    templateCode: templateCodesOf(config),
    // A Message equal to the Code (isp.SYSTEM_ERROR's) says nothing the Code does not.
    Message: aliyun.Message === undefined || aliyun.Message === aliyun.Code ? [] : [aliyun.Message],
  };
  if (config.endpoint !== undefined) {
    values.host = [new URL(config.endpoint).hostname];
  }
  for (const [what, list] of Object.entries(values)) {
    for (const value of list) {
      for (const form of encodedForms(value)) {
        if (serialised.includes(form)) {
          found.push(`${what} ${JSON.stringify(form)}`);
        }
      }
    }
  }
  const endpoint = config.endpoint === undefined ? undefined : new URL(config.endpoint);
  const tokens: Record<string, string | undefined> = {
    port: endpoint === undefined || endpoint.port === '' ? undefined : endpoint.port,
    timeout: config.timeout === undefined ? '10000' : String(config.timeout),
  };
  for (const [what, value] of Object.entries(tokens)) {
    if (value !== undefined && tokenPattern(value).test(withoutIds)) {
      found.push(`${what} ${value}`);
    }
  }
  // A string-to-sign, by its shape or its key.
  for (const marker of ['POST&', 'POST%26', 'serverStringToSign', 'AccessKeyId%3D', 'SignName%3D']) {
    if (serialised.includes(marker)) {
      found.push(`string-to-sign ${marker}`);
    }
  }
  for (const word of [...fieldNames, ...fieldLabelTexts, ...adviceWords]) {
    if (tokenPattern(word).test(withoutIds)) {
      found.push(`admin word ${JSON.stringify(word)}`);
    }
  }
  expect(found, serialised).toEqual([]);
};

/** A config key as the administrator's advice names it. */
export const namedKey = (key: ConfigKeyName): string => `${key} ("${fieldLabels[key]}")`;

/** What the administrator must read on the console. */
export type AdminExpectation = {
  readonly connectorCode: ConnectorErrorCodes;
  /** The config keys the advice must name. */
  readonly fields?: readonly ConfigKeyName[];
  readonly Code?: string;
  readonly RequestId?: string;
  /** What the advice must say beside the keys. */
  readonly says?: RegExp;
};

/** Asserts a console error: general, the precise code under connectorCode, advice naming the keys and Aliyun's ids. */
export const expectAdminAdvice = (
  error: ConnectorError,
  { connectorCode, fields = [], Code, RequestId, says }: AdminExpectation
): string => {
  expect(error.code).toBe(ConnectorErrorCodes.General);
  expect(dataField(error, 'connectorCode')).toBe(connectorCode);
  // The end user's sentence is not the administrator's business, and is never shown there.
  expect(dataField(error, 'userSentence')).toBeUndefined();
  expect(dataField(error, 'userSentenceValues')).toBeUndefined();
  const advice = String(dataField(error, 'errorDescription'));
  for (const key of fields) {
    expect(advice).toContain(namedKey(key));
  }
  if (Code !== undefined) {
    expect(dataField(error, 'Code')).toBe(Code);
    expect(advice).toContain(`Aliyun Code: ${Code}`);
  }
  if (RequestId !== undefined) {
    expect(dataField(error, 'RequestId')).toBe(RequestId);
    expect(advice).toContain(`RequestId: ${RequestId}`);
  }
  if (says !== undefined) {
    expect(advice).toMatch(says);
  }
  return advice;
};

/** What a failed send must show, for whichever reader gets it. */
export type FailureExpectation = {
  /** The precise code: the end user's error code, the administrator's connectorCode. */
  readonly code: ConnectorErrorCodes;
  readonly Code?: string;
  readonly RequestId?: string;
  readonly failure?: string;
  readonly reason?: string;
  /** What the end user's sentence says. */
  readonly userSays?: RegExp;
  /** The config keys the administrator's advice names. */
  readonly fields?: readonly ConfigKeyName[];
  /** What the administrator's advice says. */
  readonly adminSays?: RegExp;
  /** Details the administrator's data holds. */
  readonly adminData?: Readonly<Record<string, unknown>>;
  /** Aliyun's Message, when Aliyun answered: the end user must not get it. */
  readonly Message?: string;
};

/** Asserts what the reader of `via` gets: the end user's minimal error, or the administrator's advice. */
export const expectReaderSees = (
  via: 'runtime' | 'console',
  error: ConnectorError,
  config: AliyunSmsConfigInput,
  expected: FailureExpectation
): void => {
  const { code, Code, RequestId, failure, reason } = expected;
  if (via === 'runtime') {
    // toEqual ignores the keys left undefined here: those facts must be absent.
    expectEndUserError(error, { code, Code, RequestId, failure, reason, says: expected.userSays });
    expectNoConfigDetail(error, config, { Message: expected.Message, Code });
    return;
  }
  expectAdminAdvice(error, { connectorCode: code, fields: expected.fields, Code, RequestId, says: expected.adminSays });
  expect(error.data).toMatchObject({
    ...(failure === undefined ? {} : { failure }),
    ...(reason === undefined ? {} : { reason }),
    ...expected.adminData,
  });
};
