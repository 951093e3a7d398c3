// Why one of the doctor's read calls got no usable answer, said of that read call. The send's
// own advice talks of an SMS that may have been sent and of end users waiting; the doctor's
// calls send nothing, so none of that applies to them.
import type { ConnectorError } from '@logto/connector-kit';
import { z } from 'zod';

import type { InvalidAnswerReason, TransportFailure } from '../aliyun/rpc/failures.js';

/** The read calls the doctor makes. */
export type ReadAction = 'GetSmsSign' | 'GetSmsTemplate';

/** What a transport failure's advice may use: where the call went, how often, within what. */
type Attempted = { call: string; where: string; attempts: string; timeoutMs: number };

/** Advice for each transport failure of a read call; the host's connection, never an SMS. */
export const transportAdvice: Readonly<Record<TransportFailure, (facts: Attempted) => string>> = {
  timeout: ({ call, where, timeoutMs, attempts }) =>
    `The ${call} to ${where} timed out after ${timeoutMs} ms (${attempts}): check the network path from Logto to Aliyun, or raise timeout.`,
  'connect-timeout': ({ call, where, timeoutMs, attempts }) =>
    `No connection to ${where} could be made for the ${call} within ${timeoutMs} ms (${attempts}): check endpoint and any firewall or proxy between Logto and Aliyun.`,
  'connect-failed': ({ call, where, attempts }) =>
    `The connection to ${where} was closed before the ${call} was sent (${attempts}): check endpoint and any firewall or proxy between Logto and Aliyun.`,
  'no-time-left': ({ call, where, timeoutMs }) =>
    `The timeout of ${timeoutMs} ms ran out before the ${call} to ${where} could be made: raise timeout, or check the credential source if obtaining credentials took long.`,
  'connection-refused': ({ call, where, attempts }) =>
    `${where} refused the connection for the ${call} (${attempts}): check endpoint and any firewall or proxy between Logto and Aliyun.`,
  dns: ({ call, where, attempts }) =>
    `The host name of ${where} could not be resolved for the ${call} (${attempts}): check endpoint’s spelling and the Logto server’s DNS settings.`,
  tls: ({ call, where, attempts }) =>
    `The TLS connection to ${where} failed during the ${call} (${attempts}): check endpoint; if a proxy intercepts TLS, give Node.js its CA with NODE_EXTRA_CA_CERTS.`,
  reset: ({ call, where, attempts }) =>
    `The connection to ${where} was reset during the ${call} (${attempts}): check proxies and network stability between Logto and Aliyun.`,
  network: ({ call, where, attempts }) =>
    `A network error interrupted the ${call} to ${where} (${attempts}): check the Logto server’s network connection to Aliyun.`,
};

/** How each kind of answer that was not Aliyun's reads in the advice. */
export const invalidAnswerWords: Readonly<Record<InvalidAnswerReason, string>> = {
  'not-an-answer': 'a body that is not a JSON Aliyun answer',
  'too-large': 'a body longer than the 64 KiB the connector reads',
  'ok-without-id': 'Code OK but not the answer asked for',
  'ok-with-error-status': 'Code OK despite the error status',
};

const isTransportFailure = (value: string): value is TransportFailure => Object.hasOwn(transportAdvice, value);
const isInvalidAnswerReason = (value: string): value is InvalidAnswerReason => Object.hasOwn(invalidAnswerWords, value);

// The fields src/aliyun/rpc/failures.ts puts in each kind of error's data.
const transportData = z.object({
  failure: z.string(),
  host: z.string(),
  port: z.number(),
  attempts: z.number(),
  timeoutMs: z.number(),
});
const invalidAnswerData = z.object({ reason: z.string(), httpStatus: z.number(), contentType: z.string().optional() });
const answeredData = z.object({ Code: z.string(), httpStatus: z.number().optional() });
const describedData = z.object({ errorDescription: z.string() });

const tries = (attempts: number): string => (attempts === 1 ? '1 attempt' : `${attempts} attempts`);

/** One sentence on why a read call got no usable answer, naming the call and never an SMS. */
export const readFailureAdvice = (error: ConnectorError, action: ReadAction): string => {
  const call = `${action} read call`;
  const transport = transportData.safeParse(error.data);
  if (transport.success) {
    const { failure, host, port, attempts, timeoutMs } = transport.data;
    const facts: Attempted = { call, where: `${host}:${port}`, attempts: tries(attempts), timeoutMs: Math.round(timeoutMs) };
    return isTransportFailure(failure)
      ? transportAdvice[failure](facts)
      : `The ${call} to ${facts.where} failed before Aliyun answered (${failure}, ${facts.attempts}): check endpoint and the network path from Logto to Aliyun.`;
  }
  const invalid = invalidAnswerData.safeParse(error.data);
  if (invalid.success) {
    const { reason, httpStatus, contentType } = invalid.data;
    const words = isInvalidAnswerReason(reason) ? invalidAnswerWords[reason] : 'something other than an Aliyun answer';
    const type = contentType === undefined ? '' : ` (${contentType})`;
    return `The endpoint answered the ${call} with HTTP ${httpStatus} and ${words}${type}: check that endpoint points at Aliyun and that no proxy rewrites or redirects its answers.`;
  }
  const answered = answeredData.safeParse(error.data);
  if (answered.success) {
    const { Code, httpStatus } = answered.data;
    const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
    return `Aliyun answered the ${call} with ${Code}${status}: run the doctor again, and look the Code up in Aliyun’s error center if it persists.`;
  }
  const described = describedData.safeParse(error.data);
  return described.success ? described.data.errorDescription : error.message;
};
