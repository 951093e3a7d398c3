import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

import { build } from 'esbuild';
import { buildRawConnector, loadConnectorFactories, parseMetadata } from '@logto/cli/lib/connector/index.js';
import { getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import { ConnectorError, ConnectorType, TemplateType, type GetConnectorConfig } from '@logto/connector-kit';
import { connectorFactoryResponseGuard } from '@logto/schemas';
import nock from 'nock';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { formBodyOf } from './support/form-body.js';
import {
  hostKitOf,
  hostRejectionOf,
  loadAllHosts,
  satisfiesRange,
  type ConnectorFactory,
  type HostKit,
} from './support/logto-hosts.js';
import { aliyunSmsConfigGuard } from '../src/config/schema.js';
import { DEMO_ACCOUNT, startEmulator, type Emulator } from '../tools/emulator/index.js';
import {
  connectorKitLines,
  createLogtoHostFolder,
  packConnector,
  type ConnectorKitLine,
  type LogtoHostFolder,
  type PackedConnector,
} from '../tools/logto-host.js';

const config = {
  accessKeyId: 'LTAI5tLoaderTestKey',
  accessKeySecret: 'loader-test-secret',
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
};

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-LOADER', BizId: '900619746936498440^0' };

// What differs between the lines, as connector-kit's own sources define it: 4.7.0 has no
// UsageLimitExceeded, so the connector falls back to general there.
const lineFacts: Record<ConnectorKitLine, { version: RegExp; quotaCode: string }> = {
  '4.7': { version: /^4\.7\.0$/, quotaCode: 'general' },
  '5': { version: /^5\.\d+\.\d+$/, quotaCode: 'usage_limit_exceeded' },
};

let packed: PackedConnector | undefined;
const hosts = new Map<ConnectorKitLine, LogtoHostFolder>();
const kits = new Map<ConnectorKitLine, HostKit>();
let factories: ConnectorFactory[] = [];
let emulator: Emulator;

beforeAll(async () => {
  // One tarball for every host: packing is the slow part.
  packed = packConnector();
  for (const line of connectorKitLines) {
    const host = createLogtoHostFolder({ connectorKit: line, packed });
    hosts.set(line, host);
    kits.set(line, await hostKitOf(host));
  }
  factories = await loadAllHosts([...hosts.values()]);
  emulator = await startEmulator();
});

afterAll(async () => {
  for (const host of hosts.values()) {
    host.remove();
  }
  packed?.remove();
  await emulator.close();
});

afterEach(() => {
  nock.cleanAll();
});

const hostFor = (line: ConnectorKitLine): LogtoHostFolder => {
  const host = hosts.get(line);
  if (host === undefined) {
    throw new Error(`no ${line} host was set up`);
  }
  return host;
};

const kitFor = (line: ConnectorKitLine): HostKit => {
  const kit = kits.get(line);
  if (kit === undefined) {
    throw new Error(`no ${line} connector-kit was imported`);
  }
  return kit;
};

const factoryFor = (host: LogtoHostFolder): ConnectorFactory => {
  const factory = factories.find(({ path: packagePath }) => packagePath === host.connectorDirectory);
  if (factory === undefined) {
    throw new Error(`Logto's loader skipped the connector in ${host.connectorDirectory}`);
  }
  return factory;
};

const smsConnectorOn = async (host: LogtoHostFolder, getConfig?: GetConnectorConfig) => {
  const { rawConnector } = await buildRawConnector(factoryFor(host), getConfig);
  if (rawConnector.type !== ConnectorType.Sms) {
    throw new Error('expected an SMS connector');
  }
  return rawConnector;
};

const packedManifest = z.object({ dependencies: z.object({ '@logto/connector-kit': z.string() }) });

// Read from the unpacked package.json, the one Logto's loader reads.
const declaredKitRange = (host: LogtoHostFolder): string => {
  const manifest: unknown = JSON.parse(readFileSync(path.join(host.connectorDirectory, 'package.json'), 'utf8'));
  return packedManifest.parse(manifest).dependencies['@logto/connector-kit'];
};

/** The imports and requires of a shipped bundle file, each with its kind. */
const importsOfBundle = async (bundlePath: string) => {
  // esbuild reads the (minified) bundle's imports and requires as a parser would, with every
  // one of them left external, so none is resolved or followed.
  const { metafile } = await build({
    entryPoints: [bundlePath],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    external: ['*'],
    logLevel: 'silent',
  });
  return Object.values(metafile.inputs).flatMap((input) => input.imports);
};

describe("Logto's loader, given both hosts in one process", () => {
  it('loaded the connector from each host folder, each from its own path', () => {
    expect(factories.map(({ path: packagePath }) => packagePath).sort()).toEqual(
      [...hosts.values()].map(({ connectorDirectory }) => connectorDirectory).sort()
    );
  });

  it('answers any later call from its per-process cache, which is why both hosts load in one call', async () => {
    const later = await loadConnectorFactories(await getConnectorPackagesFromDirectory(hostFor('5').connectorsDirectory), false);
    expect(later).toBe(factories);
  });

  it("gives each host its own ConnectorError class, and neither is the test's own", () => {
    const classes = connectorKitLines.map((line) => kitFor(line).ConnectorError);
    expect(new Set([...classes, ConnectorError]).size).toBe(classes.length + 1);
  });
});

describe.each(connectorKitLines)('the packed package on a Logto host running connector-kit %s', (line) => {
  const host = () => hostFor(line);
  const kit = () => kitFor(line);
  const otherKits = () => connectorKitLines.filter((other) => other !== line).map(kitFor);

  it('offers the connector only the host modules: connector-kit, zod and what they need', () => {
    expect(host().hostModules).toContain('@logto/connector-kit');
    expect(host().hostModules).toContain('zod');
    expect(host().hostModules).not.toContain('logto-connector-kit-4');
    expect(host().hostModules).not.toContain('got');
    expect(host().hostModules).not.toContain('libphonenumber-js');
  });

  it("has the connector import this host's connector-kit, of this line's version", () => {
    const resolved = host().resolveFromConnector('@logto/connector-kit');
    expect(resolved.startsWith(path.join(host().root, 'packages', 'core', 'node_modules', '@logto', 'connector-kit'))).toBe(true);
    expect(host().connectorKitVersion).toMatch(lineFacts[line].version);
    // The member whose absence in 4.7.0 the connector must survive.
    expect(Object.values(kit().errorCodes).includes('usage_limit_exceeded')).toBe(line === '5');
  });

  it("declares a connector-kit range this host's version satisfies, as Logto's loader requires", () => {
    expect(satisfiesRange(host().connectorKitVersion, declaredKitRange(host()))).toBe(true);
    expect(satisfiesRange(host().connectorKitVersion, line === '5' ? '^4.7.0' : '^5.0.0')).toBe(false);
  });

  it('ships lib/index.js importing nothing but node builtins, connector-kit and zod', async () => {
    const bundlePath = path.join(host().connectorDirectory, 'lib', 'index.js');
    const imports = await importsOfBundle(bundlePath);
    const allowed = new Set(['@logto/connector-kit', 'zod', ...builtinModules]);
    // The one file of the package it loads, only when a config names Redis for its send limits.
    const ownFile = ({ path: specifier, kind }: { path: string; kind: string }) => kind === 'dynamic-import' && specifier === './redis-store.js';
    for (const { path: specifier, kind } of imports) {
      expect(allowed.has(specifier.replace(/^node:/, '')) || ownFile({ path: specifier, kind }) ? 'allowed' : specifier).toBe('allowed');
    }
    expect(imports.map(({ path: specifier }) => specifier)).toContain('@logto/connector-kit');
    const bundle = readFileSync(bundlePath, 'utf8');
    expect(bundle).not.toMatch(/class ConnectorError\b/);
  });

  it('ships the Redis client of the send limits in lib/redis-store.js, importing only node builtins, and none of it in lib/index.js', async () => {
    const bundled = await importsOfBundle(path.join(host().connectorDirectory, 'lib', 'redis-store.js'));
    const imports = bundled.map(({ path: specifier }) => specifier.replace(/^node:/, ''));
    expect(imports.filter((specifier) => !builtinModules.includes(specifier))).toEqual([]);
    // rlflxIncr is the Lua command rate-limiter-flexible's Redis limiter defines; "ioredis" names the client's debug namespace.
    const holdsRedis = (file: string) => /rlflxIncr|"ioredis"/.test(readFileSync(path.join(host().connectorDirectory, 'lib', file), 'utf8'));
    expect({ chunk: holdsRedis('redis-store.js'), index: holdsRedis('index.js') }).toEqual({ chunk: true, index: false });
  });

  it("names only ConnectorErrorCodes members this host's connector-kit defines", () => {
    // A member missing at runtime (UsageLimitExceeded on 4.7.0) would throw a ConnectorError with code undefined.
    const bundle = readFileSync(path.join(host().connectorDirectory, 'lib', 'index.js'), 'utf8');
    const members = new Set([...bundle.matchAll(/\bConnectorErrorCodes\d*\.(\w+)/g)].map((match) => match[1] ?? ''));
    expect(members.size).toBeGreaterThan(0);
    expect([...members].filter((member) => !Object.hasOwn(kit().errorCodes, member))).toEqual([]);
  });

  it('is discovered, loaded and validated by @logto/cli, and its metadata passes the console guard', async () => {
    const discovered = await getConnectorPackagesFromDirectory(host().connectorsDirectory);
    expect(discovered).toEqual([{ name: 'connector-aliyun-dysms', path: host().connectorDirectory }]);

    const factory = factoryFor(host());
    expect(factory.type).toBe(ConnectorType.Sms);
    expect(factory.metadata.id).not.toBe('aliyun-short-message-service');
    const parsed = await parseMetadata(factory.metadata, factory.path);
    const response = connectorFactoryResponseGuard.safeParse({ type: factory.type, ...parsed });
    expect(response.success ? [] : response.error.issues).toEqual([]);
    expect(parsed.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(parsed.readme).toContain('Aliyun');
  });

  it("inlines the administrator's guide as the console shows it: no developer commands, no links to files, every config key", async () => {
    const factory = factoryFor(host());
    const { readme } = await parseMetadata(factory.metadata, factory.path);
    expect(readme).not.toMatch(/\bnpm |\bnpx /);
    // Links whose target is neither a web address nor an anchor within the guide do not resolve there.
    const targets = [...readme.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? '');
    expect(targets.filter((target) => !/^(?:https?:\/\/|#)/.test(target))).toEqual([]);
    const keys = [...Object.keys(aliyunSmsConfigGuard.innerType().shape), 'usageType', 'templateCode', 'locale', 'params'];
    expect(keys.filter((key) => !readme.includes(`\`${key}\``))).toEqual([]);
  });

  it("sends the console's test message (Generic, code 000000, inline config, no getConfig)", async () => {
    const connector = await smsConnectorOn(host());
    let form: URLSearchParams | undefined;
    nock('https://dysmsapi.aliyuncs.com')
      .post('/', (body: unknown) => {
        form = formBodyOf(body);
        return true;
      })
      .reply(200, okAnswer);

    const result = await connector.sendMessage(
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
    const connector = await smsConnectorOn(host(), (id) => {
      requestedIds.push(id);
      return Promise.resolve(config);
    });
    const scope = nock('https://dysmsapi.aliyuncs.com').post('/').reply(200, okAnswer);

    await connector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } });

    expect(requestedIds).toEqual([connector.metadata.id]);
    expect(scope.isDone()).toBe(true);
  });

  // Saving runs the host kit's validateConfig(config, configGuard): its ConnectorError becomes
  // 400 connector.invalid_config with data.issues[].path naming the field.
  it('has Logto refuse to save an STS token or AccessKey ID that no HTTP header can carry, naming the field', async () => {
    const hostKit: unknown = await host().importFromHost('@logto/connector-kit');
    const validateConfig: unknown = typeof hostKit === 'object' && hostKit !== null ? Reflect.get(hostKit, 'validateConfig') : undefined;
    if (typeof validateConfig !== 'function') {
      throw new TypeError(`the ${line} host's connector-kit has no validateConfig`);
    }
    const { configGuard } = await smsConnectorOn(host());
    // Rejects with what validateConfig throws, as Logto's route would answer it.
    const save = async (saved: unknown): Promise<unknown> =>
      Promise.resolve().then((): unknown => Reflect.apply(validateConfig, undefined, [saved, configGuard]));
    const issuePaths = z.object({ issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])) })) });

    for (const [key, value] of [
      ['securityToken', 'CAIS令牌Token'],
      ['securityToken', 'CAIS\r\nX-Injected: yes'],
      ['accessKeyId', 'LTAI5t密钥'],
    ] as const) {
      const refused = await hostRejectionOf(kit(), save({ ...config, [key]: value }));
      expect(refused.code).toBe('invalid_config');
      expect(issuePaths.parse(refused.data).issues.map(({ path: issuePath }) => issuePath.join('.'))).toEqual([key]);
    }
    await expect(save({ ...config, securityToken: 'CAIS+sts/Token==' })).resolves.toBeUndefined();
  });

  it("throws instances of this host's ConnectorError, not of another copy, so Logto maps them to 4xx", async () => {
    // The console's Send button: every failure is general, with the precise code in data.
    const consoleConnector = await smsConnectorOn(host());
    const invalid = await hostRejectionOf(
      kit(),
      consoleConnector.sendMessage(
        { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
        { ...config, signName: '' }
      )
    );
    expect(invalid.code).toBe('general');
    expect(invalid.data).toMatchObject({ connectorCode: 'invalid_config', fields: ['signName'] });

    // A sign-in flow: the stored config, and the precise code for Logto's HTTP status.
    const runtimeConnector = await smsConnectorOn(host(), () => Promise.resolve(config));
    nock('https://dysmsapi.aliyuncs.com')
      .post('/')
      .reply(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'REQ-LIMIT' });
    const limited = await hostRejectionOf(
      kit(),
      runtimeConnector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } })
    );
    expect(limited.code).toBe('rate_limit_exceeded');

    for (const error of [invalid.error, limited.error]) {
      expect(error).not.toBeInstanceOf(ConnectorError);
      for (const other of otherKits()) {
        expect(error).not.toBeInstanceOf(other.ConnectorError);
      }
    }
  });

  it(`turns Aliyun's daily quota answer into ${lineFacts[line].quotaCode}, the best code this connector-kit has`, async () => {
    const connector = await smsConnectorOn(host(), () => Promise.resolve(config));
    nock('https://dysmsapi.aliyuncs.com')
      .post('/')
      .reply(200, { Code: 'isv.DAY_LIMIT_CONTROL', Message: '触发天级流控Permits:10', RequestId: '0F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B' });

    const rejection = await hostRejectionOf(
      kit(),
      connector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } })
    );

    expect(rejection.code).toBe(lineFacts[line].quotaCode);
    // An end user reads data: a sentence, Aliyun's Code and RequestId, nothing else.
    const data = z.object({ errorDescription: z.string(), Code: z.string(), RequestId: z.string() }).strict().parse(rejection.data);
    expect(data.Code).toBe('isv.DAY_LIMIT_CONTROL');
    const printed = JSON.stringify({ message: rejection.message, data: rejection.data });
    expect(printed).not.toContain(config.accessKeySecret);
    expect(printed).not.toContain('8613800138000');
  });

  describe('against the local Aliyun-compatible server', () => {
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
      const connector = await smsConnectorOn(host());

      await connector.sendMessage(
        { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
        emulatorConfig()
      );

      // The send, then the console's wait for its delivery receipt.
      expect(emulator.requests.map(({ action, verdict }) => [action, verdict])).toEqual([
        ['SendSms', expect.objectContaining({ code: 'OK', signatureVerified: true })],
        ['QuerySendDetails', expect.objectContaining({ code: 'OK', signatureVerified: true })],
      ]);
      expect(emulator.messages).toHaveLength(1);
      expect(emulator.messages[0]).toMatchObject({ phoneNumber: '13800138000', templateCode: 'SMS_154950909' });
      expect(emulator.messages[0]?.text).toContain('000000');
    });

    it.each([
      ['zh-CN', '短信服务未确认消息已发送。如果一分钟内没有收到验证码，请重新获取。'],
      ['fr', 'Le service SMS n’a pas confirmé l’envoi du message. Si aucun code n’arrive d’ici une minute, veuillez en demander un nouveau.'],
    ])('tells an end user whose send timed out, in their language (locale %s)', async (locale, sentence) => {
      emulator.reset();
      emulator.injectFault({ kind: 'hang' });
      const connector = await smsConnectorOn(host(), () => Promise.resolve({ ...emulatorConfig(), timeout: 1000 }));

      const rejection = await hostRejectionOf(
        kit(),
        connector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '735204', locale } })
      );

      expect(rejection.code).toBe('general');
      expect(rejection.data).toEqual({ errorDescription: sentence, failure: 'timeout' });
      expect(emulator.messages).toHaveLength(0);
    });

    it('refuses runtime sends over sendLimits before they reach the server, and never limits the console’s Send', async () => {
      emulator.reset();
      // A range of its own per line: each host loads its own copy of the connector, and so its own counters.
      const range = line === '5' ? '852612345' : '852612346';
      const config = { ...emulatorConfig(), sendLimits: { perIp: { limit: 100 }, perRange: { limit: 2, windowSeconds: 60, hiddenDigits: 2 } } };
      const connector = await smsConnectorOn(host(), () => Promise.resolve(config));
      const runtimeSend = (last: string) =>
        connector.sendMessage({ to: `${range}${last}`, type: TemplateType.SignIn, payload: { code: '735204', locale: 'de' }, ip: '198.51.100.7' });

      await runtimeSend('01');
      await runtimeSend('02');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const refused = await hostRejectionOf(kit(), runtimeSend('03'));
      const warnings = [...warn.mock.calls];
      warn.mockRestore();

      expect(warnings).toEqual([
        ['connector-aliyun-dysms: refused an SMS send over sendLimits.perRange (2 per 60 s): recipient 852******03, IP 198.51.100.7.'],
      ]);
      expect(refused.code).toBe('rate_limit_exceeded');
      expect(refused.data).toEqual({ errorDescription: 'Es wurden zu viele Bestätigungscodes angefordert. Bitte versuchen Sie es später erneut.' });
      expect(emulator.requests).toHaveLength(2);
      for (const last of ['04', '05', '06']) {
        await connector.sendMessage({ to: `${range}${last}`, type: TemplateType.SignIn, payload: { code: '000000' }, ip: '198.51.100.7' }, config);
      }
      expect(emulator.messages.map(({ phoneNumber }) => phoneNumber.slice(-2))).toEqual(['01', '02', '04', '05', '06']);
    });

    // The fallback sender as Logto runs the packed connector: one server, told to refuse the
    // first request (the main sender's) for its balance; the fallback's sign name tells the two apart.
    const withFallback = () => ({
      ...emulatorConfig(),
      fallback: { ...emulatorConfig(), signName: '阿里云短信测试' },
    });

    it('falls back after the main account is refused, sending once, with one warning line', async () => {
      emulator.reset();
      emulator.injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const connector = await smsConnectorOn(host(), () => Promise.resolve(withFallback()));

        await connector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '735204' } });

        expect(emulator.requests.map(({ verdict }) => verdict.code)).toEqual(['isv.AMOUNT_NOT_ENOUGH', 'OK']);
        expect(emulator.messages.map(({ signName }) => signName)).toEqual(['阿里云短信测试']);
        expect(warn.mock.calls.map((call) => call.map(String).join(' '))).toEqual([
          expect.stringContaining('(reason account, isv.AMOUNT_NOT_ENOUGH), so the fallback sender (dysms) sent the code to 138******00.'),
        ]);
      } finally {
        warn.mockRestore();
      }
    });

    it('sends a non-mainland number past a dypns main sender to the dysms fallback, never to dypns', async () => {
      emulator.reset();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const config = { ...withFallback(), service: 'dypns', templates: [{ usageType: 'Generic', templateCode: '100001' }] };
        const connector = await smsConnectorOn(host(), () => Promise.resolve(config));

        await connector.sendMessage({ to: '85261234567', type: TemplateType.SignIn, payload: { code: '735204' } });

        expect(emulator.requests.map(({ action }) => action)).toEqual(['SendSms']);
        expect(emulator.messages[0]).toMatchObject({ phoneNumber: '85261234567', templateCode: 'SMS_465000001' });
        expect(warn).toHaveBeenCalledTimes(1);
      } finally {
        warn.mockRestore();
      }
    });

    it("has the console's Send with a fallback send one test message through each sender", async () => {
      emulator.reset();
      const connector = await smsConnectorOn(host());

      await connector.sendMessage({ to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } }, withFallback());

      expect(emulator.messages.map(({ signName }) => signName)).toEqual(["Logto演示 (测试)!*'~", '阿里云短信测试']);
    });

    it('has a runtime send with the stored config accepted, choosing the overseas template abroad', async () => {
      emulator.reset();
      const connector = await smsConnectorOn(host(), () => Promise.resolve(emulatorConfig()));

      await connector.sendMessage({ to: '85261234567', type: TemplateType.SignIn, payload: { code: '735204' } });

      expect(emulator.requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
      expect(emulator.messages[0]).toMatchObject({ phoneNumber: '85261234567', templateCode: 'SMS_465000001' });
      expect(emulator.messages[0]?.text).toContain('735204');
    });

    describe('for the international site (service "intl")', () => {
      const intlConfig = () => ({
        accessKeyId: DEMO_ACCOUNT.accessKeyId,
        accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
        service: 'intl',
        senderId: 'Logto',
        signatureVersion: 'v3',
        templates: [{ usageType: 'Generic', message: 'Your Logto code is {{code}}.' }],
        endpoint: emulator.url,
      });

      it("has the console's test-button send accepted as SendMessageToGlobe, answered with Aliyun's MessageId, and its receipt read", async () => {
        emulator.reset();
        const connector = await smsConnectorOn(host());

        const result = await connector.sendMessage(
          { to: '6591234567', type: TemplateType.Generic, payload: { code: '000000' } },
          intlConfig()
        );

        // The console's Send follows the message to the phone with QueryMessage (delivered at once here).
        expect(emulator.requests.map(({ action, verdict }) => [action, verdict.code, verdict.signatureVerified])).toEqual([
          ['SendMessageToGlobe', 'OK', true],
          ['QueryMessage', 'OK', true],
        ]);
        expect(emulator.messages[0]).toMatchObject({ phoneNumber: '6591234567', text: 'Your Logto code is 000000.', signName: 'Logto' });
        expect(result).toEqual({ MessageId: emulator.messages[0]?.bizId, RequestId: emulator.messages[0]?.requestId });
      });

      it(`has a runtime send refused for the balance with ${lineFacts[line].quotaCode}, and a mainland number refused before any request, as this host's errors`, async () => {
        emulator.reset();
        emulator.injectFault({ kind: 'aliyun-code', code: 'AMOUNT_NOT_ENOUGH' });
        const connector = await smsConnectorOn(host(), () => Promise.resolve(intlConfig()));

        const quota = await hostRejectionOf(
          kit(),
          connector.sendMessage({ to: '6591234567', type: TemplateType.SignIn, payload: { code: '735204' } })
        );
        const mainland = await hostRejectionOf(
          kit(),
          connector.sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '735204' } })
        );

        expect(quota.code).toBe(lineFacts[line].quotaCode);
        expect(mainland.code).toBe('invalid_request_parameters');
        expect(emulator.requests.map(({ action }) => action)).toEqual(['SendMessageToGlobe']);
        expect(emulator.messages).toHaveLength(0);
      });
    });
  });
});
