// What the credentialSource "environment" suites hand Alibaba's credential chain: an
// environment holding exactly the variables a test names, so nothing of the machine running the
// tests (its own keys, ~/.aliyun, an ECS metadata service) can answer instead; and a config
// with no AccessKey of its own.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

import { TemplateType } from '@logto/connector-kit';

import { chainVariables } from '../../../src/aliyun/rpc/credentials/credential-sources.js';
import type { AliyunSmsConfigInput } from '../../../src/index.js';
import type { Emulator } from '../../../tools/emulator/index.js';

import type { EnvironmentChange } from './environment.js';
import { CHINESE_SIGN_NAME, MAINLAND_TEMPLATE } from './harness.js';

/** Every variable the default chain reads, unset. */
export const noChainVariables: EnvironmentChange = Object.fromEntries(
  Object.values(chainVariables).map((name) => [name, undefined])
);

/**
 * An environment offering exactly `variables`: HOME is a new empty directory under `scratch` (no
 * CLI profile, no credentials file) and the ECS metadata service is disabled (no request to
 * 100.100.100.200).
 */
export const isolatedEnvironment = (scratch: string, variables: EnvironmentChange = {}): EnvironmentChange => ({
  ...noChainVariables,
  HOME: mkdtempSync(join(scratch, 'home-')),
  [chainVariables.ecsDisabled]: 'true',
  ...variables,
});

/** A config taking its AccessKey from the chain, sending the plain mainland template through the emulator. */
export const environmentConfig = (
  emulator: Emulator,
  overrides: Partial<AliyunSmsConfigInput> = {}
): AliyunSmsConfigInput => ({
  credentialSource: 'environment',
  signName: CHINESE_SIGN_NAME,
  templates: [{ usageType: TemplateType.Generic, templateCode: MAINLAND_TEMPLATE.code }],
  endpoint: emulator.url,
  timeout: 3000,
  ...overrides,
});
