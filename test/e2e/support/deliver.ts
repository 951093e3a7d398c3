// Sends the harness's sendOk/sendFailing cannot express: a payload carrying the user's
// languages (locale, uiLocales), and sends through createSendMessage's runtime seams (a
// credential chain of the test's own, the emulator's clock for the signed timestamp). Without a
// runtime, a send goes through the connector exactly as Logto builds it (src/index.ts).
import { TemplateType, type SendMessagePayload } from '@logto/connector-kit';

import type { AliyunSmsConfigInput } from '../../../src/index.js';
import { createSendMessage } from '../../../src/send-message.js';
import type { SendRuntime } from '../../../src/send-runtime.js';
import { rejectionOf } from '../../support/rejection.js';

import { consoleConnector, runtimeConnector, type SendFailure, type SendOutcome, type Via } from './harness.js';

/** One send: the recipient, the usage type (default SignIn) and Logto's whole payload. */
export type Delivery = {
  readonly to: string;
  readonly type?: TemplateType;
  readonly payload: SendMessagePayload;
};

const isSendOutcome = (value: unknown): value is SendOutcome =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'BizId') === 'string' &&
  typeof Reflect.get(value, 'RequestId') === 'string';

const deliver = async (
  config: AliyunSmsConfigInput,
  { to, type = TemplateType.SignIn, payload }: Delivery,
  via: Via,
  runtime: SendRuntime | undefined
): Promise<unknown> => {
  const data = { to, type, payload };
  if (runtime !== undefined) {
    // The same two readers as Logto's: getConfig for a sign-in flow, the inline config for the console.
    const sendMessage = createSendMessage(
      async () =>
        via === 'runtime'
          ? Promise.resolve(structuredClone(config))
          : Promise.reject(new Error('getConfig must not be called: the console passes the config inline')),
      runtime
    );
    return via === 'runtime' ? sendMessage(data) : sendMessage(data, config);
  }
  if (via === 'runtime') {
    return (await runtimeConnector(config)).sendMessage(data);
  }
  return (await consoleConnector()).sendMessage(data, config);
};

/** Sends and returns Aliyun's ids; fails the test with what came back otherwise. */
export const deliverOk = async (
  config: AliyunSmsConfigInput,
  delivery: Delivery,
  via: Via = 'runtime',
  runtime?: SendRuntime
): Promise<SendOutcome> => {
  const result = await deliver(config, delivery, via, runtime);
  if (!isSendOutcome(result)) {
    throw new Error(`sendMessage resolved with ${JSON.stringify(result)}, not { BizId, RequestId }`);
  }
  return result;
};

/** Sends expecting a ConnectorError (anything else fails the test), and how long it took. */
export const deliverFailing = async (
  config: AliyunSmsConfigInput,
  delivery: Delivery,
  via: Via = 'runtime',
  runtime?: SendRuntime
): Promise<SendFailure> => {
  const started = performance.now();
  const error = await rejectionOf(deliver(config, delivery, via, runtime));
  return { error, elapsedMs: performance.now() - started };
};
