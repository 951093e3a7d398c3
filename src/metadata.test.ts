import { parseMetadata } from '@logto/cli/lib/connector/index.js';
import { ConnectorConfigFormItemType, ConnectorType, TemplateType } from '@logto/connector-kit';
import { connectorFactoryResponseGuard } from '@logto/schemas';
import { describe, expect, it } from 'vitest';

import { projectRoot } from '../tools/logto-host.js';

import { aliyunSmsConfigGuard, smsServices } from './config/schema.js';
import { metadata } from './metadata.js';
import { placeholderTemplateCode } from './templates/rules.js';

const languages = ['en', 'zh-CN', 'zh-TW', 'de', 'ja', 'ko', 'fr', 'es', 'pt-BR'];

describe('metadata', () => {
  it("passes Logto's connector-factory response guard after parseMetadata", async () => {
    const parsed = await parseMetadata(metadata, projectRoot);
    const result = connectorFactoryResponseGuard.safeParse({ type: ConnectorType.Sms, ...parsed });
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(parsed.logo).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('uses an id of its own, not the official Aliyun connector id', () => {
    expect(metadata.id).not.toBe('aliyun-short-message-service');
    expect(metadata.platform).toBeNull();
    expect(metadata.logoDark).toBeNull();
  });

  it('names and describes the connector in every supported language', () => {
    for (const language of languages) {
      expect(Reflect.get(metadata.name, language)).toEqual(expect.any(String));
      expect(Reflect.get(metadata.description, language)).toEqual(expect.any(String));
    }
  });

  it('offers every service the config takes as a choice, each titled by its product', () => {
    const item = metadata.formItems?.find(({ key }) => key === 'service');
    const choices = item?.type === ConnectorConfigFormItemType.Select ? item.selectItems : [];
    expect(choices.map(({ value }) => value)).toEqual([...smsServices]);
    expect(choices.find(({ value }) => value === 'dypns')?.title).toMatch(/^SMS authentication service: .*mainland numbers only$/);
    expect(new Set(choices.map(({ title }) => title)).size).toBe(smsServices.length);
  });

  it('has a described form item with a placeholder for every config key', () => {
    const configKeys = Object.keys(aliyunSmsConfigGuard.innerType().shape).sort();
    const items = metadata.formItems ?? [];
    expect(items.map(({ key }) => key).sort()).toEqual(configKeys);
    for (const item of items) {
      expect(item.label).not.toBe('');
      expect(item.description).toEqual(expect.stringMatching(/\S{3}/));
      if (item.type === ConnectorConfigFormItemType.Select) {
        expect(item.selectItems.length).toBeGreaterThan(1);
        expect(item.defaultValue).toEqual(expect.any(String));
      } else if (item.type !== ConnectorConfigFormItemType.Switch) {
        expect(item.placeholder).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it('marks the secrets confidential, the templates required (the sign name only by the config rules of the services needing it), and always shows the AccessKey fields', () => {
    const byKey = new Map((metadata.formItems ?? []).map((item) => [item.key, item]));
    for (const key of ['accessKeySecret', 'securityToken']) {
      expect(byKey.get(key)?.isConfidential).toBe(true);
    }
    expect(byKey.get('templates')?.required).toBe(true);
    expect(byKey.get('signName')?.required).not.toBe(true);
    // The console compares showConditions with === and applies no default: a condition on
    // credentialSource (or service) would hide the key of every stored config that lacks it.
    expect((metadata.formItems ?? []).filter(({ showConditions }) => showConditions !== undefined)).toEqual([]);
    for (const key of ['accessKeyId', 'accessKeySecret', 'strictPhoneRegionNumberCheck', 'endpoint', 'timeout']) {
      expect(byKey.get(key)?.required).not.toBe(true);
    }
  });

  it('defaults the templates item to all nine usage types with a placeholder the config guard refuses until replaced', () => {
    const templates = (metadata.formItems ?? []).find(({ key }) => key === 'templates');
    const defaults: unknown = templates?.defaultValue;
    const entries: unknown[] = Array.isArray(defaults) ? defaults : [];
    const usageTypes = entries.map((entry): unknown =>
      typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'usageType') : undefined
    );
    expect(usageTypes.sort()).toEqual(Object.values(TemplateType).sort());
    const saved = aliyunSmsConfigGuard.safeParse({ accessKeyId: 'LTAI5tKey', accessKeySecret: 's', signName: 'n', templates: defaults });
    expect(saved.success ? [] : saved.error.issues.map(({ message }) => message)).toEqual([
      expect.stringContaining(`placeholder template code ${placeholderTemplateCode} for ${Object.values(TemplateType).join(', ')}`),
    ]);
  });
});
