import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

import { buildRawConnector, loadConnectorFactories, parseMetadata } from '@logto/cli/lib/connector/index.js';
import { getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import { ConnectorType, TemplateType } from '@logto/connector-kit';
import { connectorFactoryResponseGuard } from '@logto/schemas';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { formBodyOf } from './support/form-body.js';
import { DEMO_ACCOUNT, startEmulator, type Emulator } from '../tools/emulator/index.js';
import { createLogtoHostFolder, type LogtoHostFolder } from '../tools/logto-host.js';

const config = {
  accessKeyId: 'LTAI5tLoaderTestKey',
  accessKeySecret: 'loader-test-secret',
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
};

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-LOADER', BizId: '900619746936498440^0' };

let host: LogtoHostFolder;
let emulator: Emulator;

beforeAll(async () => {
  host = createLogtoHostFolder();
  emulator = await startEmulator();
});

afterAll(async () => {
  host.remove();
  await emulator.close();
});

afterEach(() => {
  nock.cleanAll();
});

const loadOurFactory = async () => {
  const packages = await getConnectorPackagesFromDirectory(host.connectorsDirectory);
  const factories = await loadConnectorFactories(packages, false);
  const factory = factories.find(({ path: packagePath }) => packagePath === host.connectorDirectory);
  if (!factory) {
    throw new Error(`Logto's loader skipped the connector in ${host.connectorDirectory}`);
  }
  return factory;
};

const hostConnectorErrorClass = async (): Promise<unknown> => {
  const hostKit: unknown = await host.importFromHost('@logto/connector-kit');
  return typeof hostKit === 'object' && hostKit !== null ? Reflect.get(hostKit, 'ConnectorError') : undefined;
};

describe('the packed package, loaded the way Logto loads it', () => {
  it('offers the connector only the host modules: connector-kit, zod and what they need', () => {
    expect(host.hostModules).toContain('@logto/connector-kit');
    expect(host.hostModules).toContain('zod');
    expect(host.hostModules).not.toContain('got');
    expect(host.hostModules).not.toContain('libphonenumber-js');
  });

  it('ships lib/index.js importing nothing but node builtins, connector-kit and zod', () => {
    const bundle = readFileSync(path.join(host.connectorDirectory, 'lib', 'index.js'), 'utf8');
    // Statements start a line; doc comments quoting imports start with "*".
    const specifiers = [...bundle.matchAll(/^import\s(?:[^'";]*\sfrom\s)?['"]([^'"]+)['"]/gm)].map(
      (match) => match[1] ?? ''
    );
    const required = [...bundle.matchAll(/\b(?:__require|require)\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      (match) => match[1] ?? ''
    );
    const allowed = new Set(['@logto/connector-kit', 'zod', ...builtinModules]);
    for (const specifier of [...specifiers, ...required]) {
      expect(allowed.has(specifier.replace(/^node:/, '')) ? 'allowed' : specifier).toBe('allowed');
    }
    expect(specifiers).toContain('@logto/connector-kit');
    expect(bundle).not.toMatch(/class ConnectorError\b/);
  });

  it('is discovered, loaded and validated by @logto/cli, and its metadata passes the console guard', async () => {
    const factory = await loadOurFactory();
    expect(factory.type).toBe(ConnectorType.Sms);
    expect(factory.metadata.id).not.toBe('aliyun-short-message-service');

    const parsed = await parseMetadata(factory.metadata, factory.path);
    const response = connectorFactoryResponseGuard.safeParse({ type: factory.type, ...parsed });
    expect(response.success ? [] : response.error.issues).toEqual([]);
    expect(parsed.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(parsed.readme).toContain('Aliyun');
  });

  it("sends the console's test message (Generic, code 000000, inline config, no getConfig)", async () => {
    const { rawConnector } = await buildRawConnector(await loadOurFactory());
    if (rawConnector.type !== ConnectorType.Sms) {
      throw new Error('expected an SMS connector');
    }
    let form: URLSearchParams | undefined;
    nock('https://dysmsapi.aliyuncs.com')
      .post('/', (body: unknown) => {
        form = formBodyOf(body);
        return true;
      })
      .reply(200, okAnswer);

    const result = await rawConnector.sendMessage(
      { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
      config
    );

    expect(result).toEqual({ BizId: okAnswer.BizId, RequestId: okAnswer.RequestId });
    expect(form?.get('TemplateCode')).toBe('SMS_154950909');
    expect(form?.get('TemplateParam')).toBe('{"code":"000000"}');
    expect(form?.get('PhoneNumbers')).toBe('13800138000');
  });

  it('sends at runtime with the stored config from getConfig', async () => {
    const requestedIds: string[] = [];
    const { rawConnector } = await buildRawConnector(await loadOurFactory(), (id) => {
      requestedIds.push(id);
      return Promise.resolve(config);
    });
    if (rawConnector.type !== ConnectorType.Sms) {
      throw new Error('expected an SMS connector');
    }
    nock('https://dysmsapi.aliyuncs.com').post('/').reply(200, okAnswer);

    await rawConnector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } });

    expect(requestedIds).toEqual([rawConnector.metadata.id]);
  });

  it("throws errors that are instances of the host's ConnectorError, so Logto maps them to 4xx", async () => {
    const { rawConnector } = await buildRawConnector(await loadOurFactory());
    if (rawConnector.type !== ConnectorType.Sms) {
      throw new Error('expected an SMS connector');
    }
    const HostConnectorError = await hostConnectorErrorClass();
    if (typeof HostConnectorError !== 'function') {
      throw new TypeError('the host folder has no ConnectorError');
    }

    const invalid = rawConnector.sendMessage(
      { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
      { ...config, signName: '' }
    );
    await expect(invalid).rejects.toBeInstanceOf(HostConnectorError);
    await expect(invalid).rejects.toMatchObject({ code: 'invalid_config' });

    nock('https://dysmsapi.aliyuncs.com')
      .post('/')
      .reply(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'REQ-LIMIT' });
    const limited = rawConnector.sendMessage(
      { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
      config
    );
    await expect(limited).rejects.toBeInstanceOf(HostConnectorError);
    await expect(limited).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
  });
});

describe('the packed package, loaded by Logto, against the local Aliyun-compatible server', () => {
  const emulatorConfig = () => ({
    accessKeyId: DEMO_ACCOUNT.accessKeyId,
    accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
    signName: "Logto演示 (测试)!*'~",
    templates: [
      { usageType: 'Generic', templateCode: 'SMS_154950909' },
      { usageType: 'SignIn', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } },
    ],
    endpoint: emulator.url,
  });

  it("has the console's test-button send accepted with a verified signature", async () => {
    emulator.reset();
    const { rawConnector } = await buildRawConnector(await loadOurFactory());
    if (rawConnector.type !== ConnectorType.Sms) {
      throw new Error('expected an SMS connector');
    }

    await rawConnector.sendMessage(
      { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
      emulatorConfig()
    );

    expect(emulator.requests.map(({ verdict }) => verdict)).toEqual([
      expect.objectContaining({ code: 'OK', signatureVerified: true }),
    ]);
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]).toMatchObject({ phoneNumber: '13800138000', templateCode: 'SMS_154950909' });
    expect(emulator.messages[0]?.text).toContain('000000');
  });

  it('has a runtime send with the stored config accepted, choosing the overseas template abroad', async () => {
    emulator.reset();
    const { rawConnector } = await buildRawConnector(await loadOurFactory(), () =>
      Promise.resolve(emulatorConfig())
    );
    if (rawConnector.type !== ConnectorType.Sms) {
      throw new Error('expected an SMS connector');
    }

    await rawConnector.sendMessage({ to: '85261234567', type: TemplateType.SignIn, payload: { code: '735204' } });

    expect(emulator.requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator.messages[0]).toMatchObject({ phoneNumber: '85261234567', templateCode: 'SMS_465000001' });
    expect(emulator.messages[0]?.text).toContain('735204');
  });
});
