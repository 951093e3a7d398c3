// The doctor against the local Aliyun-compatible server over real loopback HTTP: its demo
// account holds signs and templates in every review state, and a SendSms-only RAM user.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT } from '../../tools/emulator/index.js';
import { emulatorPerFile } from '../../test/support/emulator-per-file.js';

import type { AttemptOutcome, AttemptRequest } from '../aliyun/rpc/transport/transport.js';
import type { CredentialDeadline } from '../aliyun/rpc/credentials/credentials.js';

import { diagnose } from './diagnose.js';
import type { Finding } from './finding.js';

const emulator = emulatorPerFile({}, { faults: true, clock: true });

const goodConfig = () => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator().url,
  timeout: 3000,
});

const withTemplate = (templateCode: string | { china: string; overseas: string }, extra: object = {}) => ({
  ...goodConfig(),
  templates: [{ usageType: 'Generic', templateCode, ...extra }],
});

const findingOf = (findings: readonly Finding[], check: RegExp): Finding => {
  const found = findings.find((item) => check.test(item.check));
  if (!found) {
    throw new Error(`no finding for ${String(check)} in ${JSON.stringify(findings)}`);
  }
  return found;
};

describe('diagnose on a good config', () => {
  it('passes every check and reads the account as it is', async () => {
    const report = await diagnose(goodConfig());
    expect(report.ok).toBe(true);
    expect(report.findings.map(({ status }) => status)).toEqual(report.findings.map(() => 'passed'));
    expect(report.findings.map(({ check }) => check)).toEqual([
      'configuration',
      'credentials',
      'server clock',
      'sign name',
      'sign name filing (China Mobile)',
      'sign name filing (China Unicom)',
      'sign name filing (China Telecom)',
      'template SMS_154950909 (Generic)',
      'template SMS_465000001 (Generic)',
    ]);
  });

  it('sends no SMS', async () => {
    await diagnose(goodConfig());
    expect(emulator().messages).toEqual([]);
    expect(emulator().requests.map(({ action }) => action).sort()).toEqual(['GetSmsSign', 'GetSmsTemplate', 'GetSmsTemplate']);
  });

  it('works the same with signature V3', async () => {
    const report = await diagnose({ ...goodConfig(), signatureVersion: 'v3' });
    expect(report.ok).toBe(true);
    expect(emulator().requests.every(({ signatureVersion }) => signatureVersion === 'v3')).toBe(true);
  });
});

describe('diagnose on credentials', () => {
  it('names accessKeySecret for a wrong secret, and stops there', async () => {
    const report = await diagnose({ ...goodConfig(), accessKeySecret: 'not-the-secret' });
    expect(report.ok).toBe(false);
    expect(findingOf(report.findings, /^credentials$/)).toMatchObject({ status: 'problem', field: 'accessKeySecret' });
    expect(report.findings.some(({ check }) => check.startsWith('template'))).toBe(false);
    expect(JSON.stringify(report)).not.toContain('not-the-secret');
  });

  it('names accessKeyId for an unknown key', async () => {
    const report = await diagnose({ ...goodConfig(), accessKeyId: 'LTAI5tNobodyKnowsThisKey' });
    expect(findingOf(report.findings, /^credentials$/)).toMatchObject({ status: 'problem', field: 'accessKeyId' });
  });

  it('tells a SendSms-only RAM user what the read checks need: no problem, but incomplete', async () => {
    const report = await diagnose({
      ...goodConfig(),
      accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId,
      accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret,
    });
    expect(report).toMatchObject({ ok: false, verdict: 'incomplete' });
    expect(findingOf(report.findings, /^credentials$/).status).toBe('passed');
    const denied = findingOf(report.findings, /sign name and templates/);
    expect(denied.status).toBe('unchecked');
    expect(denied.advice).toContain('dysms:GetSmsSign');
    expect(denied.advice).toContain('dysms:GetSmsTemplate');
    expect(denied.advice).toContain('AliyunDysmsReadOnlyAccess');
  });
});

describe('diagnose on the clock', () => {
  it('says how far the clock is off within the window', async () => {
    emulator().clock.advance(10 * 60_000);
    const clock = findingOf((await diagnose(goodConfig())).findings, /server clock/);
    expect(clock.status).toBe('passed');
    expect(clock.advice).toMatch(/(599|600|601) s behind Aliyun/);
  });

  it('finds a clock beyond Aliyun’s 15 minutes a problem, from the Date of the refusal', async () => {
    emulator().clock.advance(20 * 60_000);
    const report = await diagnose(goodConfig());
    expect(report.ok).toBe(false);
    const clock = findingOf(report.findings, /server clock/);
    expect(clock.status).toBe('problem');
    expect(clock.advice).toContain('NTP');
  });
});

describe('diagnose on the sign name', () => {
  it.each([
    ['Logto审核中', /under review/],
    ['Logto已驳回', /rejected \(签名与资质信息不一致/],
    ['Logto已取消', /withdrawn/],
    ['Logto没有这个签名', /has no sign name/],
  ])('finds %s a problem: %s', async (signName, advice) => {
    const report = await diagnose({ ...goodConfig(), signName });
    const sign = findingOf(report.findings, /^sign name$/);
    expect(sign).toMatchObject({ status: 'problem', field: 'signName' });
    expect(sign.advice).toMatch(advice);
    expect(report.ok).toBe(false);
  });
});

describe('diagnose on templates', () => {
  it.each([
    ['SMS_465000010', /under review/],
    ['SMS_465000011', /rejected \(模板内容中包含错别字。\)/],
    ['SMS_465000012', /withdrawn/],
    ['SMS_999999999', /no such template/],
  ])('finds %s a problem: %s', async (code, advice) => {
    const report = await diagnose(withTemplate(code));
    const template = findingOf(report.findings, new RegExp(`template ${code}`));
    expect(template).toMatchObject({ status: 'problem', field: 'templates' });
    expect(template.advice).toMatch(advice);
  });

  it('finds an international template used as the china code the wrong kind', async () => {
    const report = await diagnose(withTemplate({ china: 'SMS_465000001', overseas: 'SMS_465000001' }));
    expect(report.ok).toBe(false);
    const china = report.findings.filter(({ check }) => check.startsWith('template SMS_465000001'));
    expect(china.map(({ status }) => status)).toEqual(['problem', 'passed']);
    expect(china[0]?.advice).toContain('china code but an international template');
  });

  it('finds a mainland template used as the overseas code the wrong kind', async () => {
    const report = await diagnose(withTemplate({ china: 'SMS_154950909', overseas: 'SMS_154950909' }));
    const findings = report.findings.filter(({ check }) => check.startsWith('template SMS_154950909'));
    expect(findings.map(({ status }) => status)).toEqual(['passed', 'problem']);
    expect(findings[1]?.advice).toContain('overseas code but a mainland China template');
  });

  it('notes that a plain mainland code serves no one abroad, and says it is a problem when allowedCountries lets them in', async () => {
    const plain = findingOf((await diagnose(withTemplate('SMS_154950909'))).findings, /template SMS_154950909/);
    expect(plain.status).toBe('note');
    const allowedAbroad = await diagnose({ ...withTemplate('SMS_154950909'), allowedCountries: ['CN', 'HK'] });
    expect(findingOf(allowedAbroad.findings, /template SMS_154950909/).status).toBe('problem');
    const mainlandOnly = await diagnose({ ...withTemplate('SMS_154950909'), allowedCountries: ['CN'] });
    expect(findingOf(mainlandOnly.findings, /template SMS_154950909/).status).toBe('passed');
    expect(mainlandOnly.ok).toBe(true);
  });

  it('finds the variables a template needs and the connector does not fill', async () => {
    const report = await diagnose({ ...withTemplate('SMS_465000003'), allowedCountries: ['CN'] });
    const template = findingOf(report.findings, /template SMS_465000003/);
    expect(template.status).toBe('problem');
    expect(template.advice).toContain('${name}, ${time}');
  });

  it('passes a template whose variables the entry’s params fill, and notes params it does not use', async () => {
    const filled = await diagnose({ ...withTemplate('SMS_465000003', { params: { name: '{{code}}', time: '5' } }), allowedCountries: ['CN'] });
    expect(findingOf(filled.findings, /template SMS_465000003/).status).toBe('passed');
    const extra = await diagnose({ ...withTemplate('SMS_154950909', { params: { code: '{{code}}', min: '5' } }), allowedCountries: ['CN'] });
    const note = findingOf(extra.findings, /template SMS_154950909/);
    expect(note.status).toBe('note');
    expect(note.advice).toBe('The connector sends min, which its text does not use.');
    expect(extra.ok).toBe(true);
  });

  it('asks about each distinct template once', async () => {
    await diagnose({
      ...goodConfig(),
      templates: [
        { usageType: 'Generic', templateCode: 'SMS_154950909' },
        { usageType: 'SignIn', templateCode: 'SMS_154950909' },
        { usageType: 'SignIn', locale: 'en', templateCode: 'SMS_465000002' },
      ],
    });
    expect(emulator().requests.filter(({ action }) => action === 'GetSmsTemplate')).toHaveLength(2);
  });
});

describe('diagnose on what it cannot ask', () => {
  it('reports an invalid config as a problem naming the field, without a request', async () => {
    const report = await diagnose({ ...goodConfig(), signName: '' });
    expect(report.ok).toBe(false);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.advice).toContain('signName');
    expect(emulator().requests).toEqual([]);
  });

  it('reports a config that cannot even be read as a problem, without echoing what broke', async () => {
    const unreadable = {
      ...goodConfig(),
      get accessKeyId(): string {
        throw new RangeError('the stored value broke');
      },
    };
    const report = await diagnose(unreadable);
    expect(report).toEqual({
      ok: false,
      verdict: 'problem',
      findings: [{ check: 'configuration', status: 'problem', advice: 'The configuration could not be read.' }],
    });
    expect(emulator().requests).toEqual([]);
  });

  it('says a dysms config of gift template codes is meant for dypns', async () => {
    const report = await diagnose(withTemplate('100001'));
    expect(findingOf(report.findings, /^service$/)).toMatchObject({ status: 'problem', field: 'service' });
  });

  it('checks a dypns config locally and says the gift sign cannot be read', async () => {
    const good = await diagnose({ ...withTemplate('100001'), service: 'dypns' });
    // The gift sign name has no read API: a note, since there was nothing to try.
    expect(good).toMatchObject({ ok: true, verdict: 'healthy' });
    expect(findingOf(good.findings, /^sign name$/).status).toBe('note');
    const wrong = await diagnose({ ...withTemplate('SMS_154950909'), service: 'dypns' });
    expect(findingOf(wrong.findings, /template SMS_154950909/).status).toBe('problem');
    const noMinutes = await diagnose({ ...withTemplate('100001', { params: { code: '{{code}}' } }), service: 'dypns' });
    expect(findingOf(noMinutes.findings, /template 100001/).advice).toContain('${min}');
    expect(emulator().requests).toEqual([]);
  });

  it('finishes within its timeout when the endpoint never answers', async () => {
    emulator().injectFault({ kind: 'hang' }, { times: 5 });
    const started = performance.now();
    const report = await diagnose({ ...goodConfig(), timeout: 1500 });
    expect(performance.now() - started).toBeLessThan(2500);
    const { port } = new URL(emulator().url);
    expect(report).toEqual({
      ok: false,
      verdict: 'incomplete',
      findings: [
        { check: 'configuration', status: 'passed', advice: 'The configuration is valid.' },
        {
          check: 'credentials',
          status: 'unchecked',
          advice: `No answer from Aliyun: The GetSmsSign read call to 127.0.0.1:${port} timed out after 1500 ms (1 attempt): check the network path from Logto to Aliyun, or raise timeout.`,
          field: 'endpoint',
        },
      ],
    });
  });
});

describe('diagnose on findings it reports in full', () => {
  it('reports a good config’s configuration check in so many words', async () => {
    const report = await diagnose(goodConfig());
    expect(report.findings[0]).toEqual({ check: 'configuration', status: 'passed', advice: 'The configuration is valid.' });
  });

  it('reports a SendSms-only RAM user’s denial once, instead of a sign name and template checks', async () => {
    const report = await diagnose({
      ...goodConfig(),
      accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId,
      accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret,
    });
    expect(report.findings.map(({ check }) => check)).toEqual(['configuration', 'credentials', 'server clock', 'sign name and templates']);
    expect(report.findings[3]).toMatchObject({ status: 'unchecked', field: 'accessKeyId' });
    expect(emulator().requests.map(({ action }) => action)).toEqual(['GetSmsSign']);
  });

  it('keeps the clock check from the Date of a refusal of the credentials', async () => {
    const report = await diagnose({ ...goodConfig(), accessKeySecret: 'not-the-secret' });
    expect(report.findings.map(({ check, status }) => [check, status])).toEqual([
      ['configuration', 'passed'],
      ['credentials', 'problem'],
      ['server clock', 'passed'],
    ]);
  });

  it('drops the clock check it could not run when Aliyun never answered', async () => {
    emulator().injectFault({ kind: 'hang' }, { times: 5 });
    const report = await diagnose(goodConfig(), { timeoutMs: 300 });
    expect(report).toMatchObject({ ok: false, verdict: 'incomplete' });
    expect(report.findings.map(({ check, status, field }) => [check, status, field])).toEqual([
      ['configuration', 'passed', undefined],
      ['credentials', 'unchecked', 'endpoint'],
    ]);
    expect(report.findings[1]?.advice).toMatch(/^No answer from Aliyun: /);
  });

  it('names every entry of a dypns config in its check, with its locale, and says what to fix', async () => {
    const report = await diagnose({
      ...goodConfig(),
      service: 'dypns',
      templates: [
        { usageType: 'Generic', templateCode: '100001' },
        { usageType: 'SignIn', locale: 'en', templateCode: { china: '100001', overseas: 'SMS_154950909' } },
        { usageType: 'Register', templateCode: '100002', params: { code: '{{code}}' } },
      ],
    });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      { check: 'configuration', status: 'passed', advice: 'The configuration is valid.' },
      { check: 'template 100001 (Generic)', status: 'passed', advice: 'A gift template, with code and min filled.' },
      {
        check: 'template 100001/SMS_154950909 (SignIn en)',
        status: 'problem',
        advice: 'The SMS authentication service sends only Aliyun’s gift templates 100001–100005, not SMS_154950909.',
        field: 'templates',
      },
      {
        check: 'template 100002 (Register)',
        status: 'problem',
        advice: 'Aliyun’s gift templates contain ${min}: add "min" (the minutes the code is valid) to this entry’s params.',
        field: 'templates',
      },
      {
        check: 'sign name',
        status: 'note',
        advice:
          'Aliyun offers no read API for the SMS authentication service’s gift sign names: press Send in the console to test it, and copy a current one from 号码认证 → 短信认证 → 赠送签名配置 if it fails.',
        field: 'signName',
      },
    ]);
  });
});

// Without the emulator: a scripted Aliyun answers each read call, and a fake clock measures the budget.
describe('diagnose against a scripted Aliyun', () => {
  const answer = (body: object, statusCode = 200): AttemptOutcome => ({
    kind: 'answered',
    statusCode,
    body: JSON.stringify({ RequestId: 'req-1', ...body }),
    contentType: 'application/json',
    // Aliyun's answers carry a Date: without one the clock check could not be made.
    date: new Date().toUTCString(),
  });
  const approvedSign = answer({ Code: 'OK', SignStatus: 1 });
  const approvedTemplate = answer({ Code: 'OK', TemplateStatus: 1, TemplateType: 0, TemplateContent: '您的验证码为${code}' });
  const ramDenied = answer({ Code: 'Forbidden.RAM', Message: 'User not authorized to operate on the specified resource.' }, 403);

  const scripted = (reply: (action: string, templateCode: string | null) => AttemptOutcome, onPost: () => void = () => undefined) => {
    const asked: string[] = [];
    const post = async ({ body }: AttemptRequest): Promise<AttemptOutcome> => {
      await Promise.resolve();
      const form = new URLSearchParams(body);
      const action = form.get('Action') ?? '';
      asked.push(action);
      onPost();
      return reply(action, form.get('TemplateCode'));
    };
    return { asked, post };
  };

  const twoCodes = {
    accessKeyId: DEMO_ACCOUNT.accessKeyId,
    accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
    signName: '阿里云短信测试',
    timeout: 3000,
    endpoint: 'https://dysmsapi.aliyuncs.com',
    allowedCountries: ['CN'],
    templates: [
      { usageType: 'Generic', templateCode: 'SMS_1' },
      { usageType: 'SignIn', templateCode: 'SMS_2' },
    ],
  };

  it('reports the RAM denial once when only a template read is refused', async () => {
    const { post } = scripted((action, code) => (action === 'GetSmsSign' ? approvedSign : code === 'SMS_2' ? ramDenied : approvedTemplate));
    const report = await diagnose(twoCodes, { runtime: { post } });
    expect(report).toMatchObject({ ok: false, verdict: 'incomplete' });
    expect(report.findings.slice(3)).toEqual([
      { check: 'sign name', status: 'passed', advice: 'The sign name "阿里云短信测试" is approved.' },
      {
        check: 'sign name and templates',
        status: 'unchecked',
        advice:
          'The RAM user may send SMS but not read signs and templates: grant dysms:GetSmsSign and dysms:GetSmsTemplate (or AliyunDysmsReadOnlyAccess) to let the doctor check them.',
        field: 'accessKeyId',
      },
    ]);
  });

  it('checks each template when every read is allowed', async () => {
    const { post, asked } = scripted((action) => (action === 'GetSmsSign' ? approvedSign : approvedTemplate));
    const report = await diagnose(twoCodes, { runtime: { post } });
    expect(asked).toEqual(['GetSmsSign', 'GetSmsTemplate', 'GetSmsTemplate']);
    expect(report.findings.slice(4).map(({ check, status }) => [check, status])).toEqual([
      ['template SMS_1 (Generic)', 'passed'],
      ['template SMS_2 (SignIn)', 'passed'],
    ]);
  });

  it.each([
    ['leaves no time', 3000 - 99, false],
    ['leaves just enough time', 3000 - 100, true],
  ])('when the sign read %s, asks about the templates only if a call could still connect', async (_name, signTookMs, asksTemplates) => {
    let clock = 1000;
    let first = true;
    const { post, asked } = scripted(
      (action) => (action === 'GetSmsSign' ? approvedSign : approvedTemplate),
      () => {
        clock += first ? signTookMs : 0;
        first = false;
      }
    );
    const report = await diagnose(twoCodes, { runtime: { post, elapsed: () => clock } });
    expect(asked.filter((action) => action === 'GetSmsTemplate')).toHaveLength(asksTemplates ? 2 : 0);
    expect(report.verdict).toBe(asksTemplates ? 'healthy' : 'incomplete');
    const last = report.findings.at(-1);
    if (asksTemplates) {
      expect(last?.check).toBe('template SMS_2 (SignIn)');
    } else {
      expect(last).toEqual({
        check: 'templates',
        status: 'unchecked',
        advice: 'The timeout left no time to ask Aliyun about the templates: run the doctor with a longer timeout.',
        field: 'timeout',
      });
    }
  });

  const fromEnvironment = { ...twoCodes, credentialSource: 'environment' };

  it('hands the credential chain the diagnosis’s timeout and signs with what it returns', async () => {
    const deadlines: CredentialDeadline[] = [];
    const { post, asked } = scripted((action) => (action === 'GetSmsSign' ? approvedSign : approvedTemplate));
    const credentialChain = {
      resolve: async (deadline: CredentialDeadline) => {
        deadlines.push(deadline);
        return Promise.resolve({ accessKeyId: 'LTAI5tFromTheEnvironment', accessKeySecret: 'environment-secret' });
      },
    };
    const report = await diagnose(fromEnvironment, { timeoutMs: 2000, runtime: { post, credentialChain } });
    expect(deadlines).toEqual([{ timeoutMs: 2000 }]);
    expect(asked).toHaveLength(3);
    expect(report.ok).toBe(true);
  });

  it.each([
    [
      'its description',
      new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: 'No credentials in the environment: set ALIBABA_CLOUD_ACCESS_KEY_ID.' }),
      'No credentials in the environment: set ALIBABA_CLOUD_ACCESS_KEY_ID.',
    ],
    ['its message, when it carries no description', new ConnectorError(ConnectorErrorCodes.General, { errorDescription: 42 }), 'ConnectorError: {"errorDescription":42}'],
    ['its message, when it carries no data', new ConnectorError(ConnectorErrorCodes.General), `ConnectorError: ${ConnectorErrorCodes.General}`],
    ['a plain sentence, for an error that is not the connector’s', new Error('ENOTFOUND 100.100.100.200'), 'The credentials could not be obtained.'],
  ])('reports a credential chain’s failure as a problem of credentialSource, with %s', async (_name, error, advice) => {
    const { post, asked } = scripted(() => approvedSign);
    const report = await diagnose(fromEnvironment, { runtime: { post, credentialChain: { resolve: async () => Promise.reject(error) } } });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      { check: 'configuration', status: 'passed', advice: 'The configuration is valid.' },
      { check: 'credentials', status: 'problem', advice, field: 'credentialSource' },
    ]);
    expect(asked).toEqual([]);
  });
});
