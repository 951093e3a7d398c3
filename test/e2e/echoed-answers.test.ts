// End-to-end: an endpoint that echoes the request in the fields a client shows (the emulator's
// `echo` fault: Code the form as sent, RequestId the form decoded, Message the headers and every
// value read with '+' as a space and in base64url). The end user must get neither Code nor
// RequestId, since neither has Aliyun's shape; the administrator gets them with the signature
// and the STS token removed in every spelling, for both signature versions.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  ACCESS_KEY_ID,
  CHINESE_SIGN_NAME,
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  MAINLAND_TEMPLATE,
  SECRET,
  configFor,
  dataField,
  distinctCode,
  phoneForms,
  sendFailing,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { dataOf, expectEndUserError, expectNoConfigDetail } from './support/readers.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT] });

/** Base64 with '+' and '/', as STS tokens are: its respellings differ from it. */
const SECURITY_TOKEN = 'CAIS+e2eEcho/Token+Value//Q==';

/** A base64 value read by a form decoder ('+' as a space) and in base64url, padded and not. */
const respellings = (value: string): string[] => {
  const base64url = value.replaceAll('+', '-').replaceAll('/', '_');
  return [value.replaceAll('+', ' '), base64url, base64url.replace(/=+$/, '')].filter(
    (form) => form !== value && form.length >= 4
  );
};

const signaturesReceived = (): string[] => emulator().requests.flatMap(({ signature }) => (signature === undefined ? [] : [signature]));

const forbidden = (code: string) => ({
  secret: [SECRET],
  token: [SECURITY_TOKEN, ...respellings(SECURITY_TOKEN)],
  code: [code],
  phone: phoneForms(MAINLAND_PHONE),
  signature: signaturesReceived().flatMap((signature) => [signature, ...respellings(signature)]),
});

describe.each(['v1', 'v3'] as const)('an endpoint echoing the request, signature %s', (signatureVersion) => {
  const config = () => configFor(emulator().url, { signatureVersion, securityToken: SECURITY_TOKEN });

  it('echoes it indeed: the AccessKey ID, sign name and template code are in its answer', async () => {
    emulator().injectFault({ kind: 'echo' });
    const { error } = await sendFailing(config(), { to: MAINLAND_PHONE.given, code: distinctCode(`echo ${signatureVersion} check`) }, 'console');
    const echoed = [dataField(error, 'Code'), dataField(error, 'RequestId'), dataField(error, 'Message')].join(' ');
    expect(echoed).toContain(ACCESS_KEY_ID);
    expect(echoed).toContain(MAINLAND_TEMPLATE.code);
    expect(echoed).toContain(CHINESE_SIGN_NAME);
  });

  it('runtime: the end user gets the sentence alone, neither the echoed Code nor RequestId', async () => {
    const code = distinctCode(`echo ${signatureVersion} runtime`);
    emulator().injectFault({ kind: 'echo' });
    const { error } = await sendFailing(config(), { to: MAINLAND_PHONE.given, code }, 'runtime');

    expectEndUserError(error, { code: ConnectorErrorCodes.General, says: /within a minute/ });
    expectNoConfigDetail(error, config());
    const serialised = JSON.stringify(error.data);
    for (const value of [ACCESS_KEY_ID, MAINLAND_TEMPLATE.code, 'cn-hangzhou', 'SendSms']) {
      expect(serialised).not.toContain(value);
    }
    expect(emulator().requests).toHaveLength(1);
    expectNoLeak(error, forbidden(code));
  });

  it('console: the administrator gets Code, RequestId and Message without the signature or the STS token in any spelling', async () => {
    const code = distinctCode(`echo ${signatureVersion} console`);
    emulator().injectFault({ kind: 'echo' });
    const { error } = await sendFailing(config(), { to: MAINLAND_PHONE.given, code }, 'console');

    expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.General);
    const data = dataOf(error);
    for (const key of ['Code', 'RequestId', 'Message']) {
      expect(typeof data[key], key).toBe('string');
    }
    expect(String(data.Message)).toContain('***');
    expect(signaturesReceived()).toHaveLength(1);
    expectNoLeak(error, forbidden(code));
  });
});
