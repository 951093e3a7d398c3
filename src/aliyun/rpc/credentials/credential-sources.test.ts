import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { chainVariables, describeChainSources, type Environment } from './credential-sources.js';
import { createDefaultChainProvider } from './default-chain.js';

const sourcesOf = (environment: Environment) =>
  describeChainSources(environment).map(({ source }) => source);

const reportFor = (environment: Environment, source: string) =>
  describeChainSources(environment).find((report) => report.source === source);

describe('describeChainSources', () => {
  it('lists every source of the default chain in the library’s order', () => {
    expect(sourcesOf({})).toEqual([
      'environment variables',
      'OIDC role (RRSA)',
      'Aliyun CLI profile',
      'credentials file',
      'ECS RAM role',
      'credentials URI',
    ]);
  });

  it('says which AccessKey variables are missing, and only those', () => {
    expect(reportFor({}, 'environment variables')?.detail).toBe(
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set'
    );
    expect(
      reportFor({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id' }, 'environment variables')?.detail
    ).toBe('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set');
    expect(
      reportFor({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' }, 'environment variables')?.detail
    ).toBe('ALIBABA_CLOUD_ACCESS_KEY_ID is not set');
  });

  it('treats an empty variable as unset, as the library does', () => {
    expect(
      reportFor({ ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'x' }, 'environment variables')
        ?.detail
    ).toBe('ALIBABA_CLOUD_ACCESS_KEY_ID is not set');
  });

  it('tells an unconfigured OIDC role from a half-configured one and a failing one', () => {
    expect(reportFor({}, 'OIDC role (RRSA)')).toMatchObject({ tried: false });
    expect(reportFor({}, 'OIDC role (RRSA)')?.detail).toMatch(/^not configured/);

    const half = reportFor(
      { ALIBABA_CLOUD_ROLE_ARN: 'arn', ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'provider' },
      'OIDC role (RRSA)'
    );
    expect(half).toEqual({
      source: 'OIDC role (RRSA)',
      tried: false,
      detail: 'skipped because ALIBABA_CLOUD_OIDC_TOKEN_FILE is not set',
    });

    const full = reportFor(
      { ALIBABA_CLOUD_ROLE_ARN: 'a', ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'b', ALIBABA_CLOUD_OIDC_TOKEN_FILE: 'c' },
      'OIDC role (RRSA)'
    );
    expect(full?.tried).toBe(true);
    expect(full?.detail).toContain('AssumeRoleWithOIDC');
  });

  it('honours the library’s switches, case-insensitively', () => {
    const environment = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'TRUE', ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' };
    expect(reportFor(environment, 'ECS RAM role')).toMatchObject({ tried: false });
    expect(reportFor(environment, 'Aliyun CLI profile')).toMatchObject({ tried: false });
    expect(reportFor({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'yes' }, 'ECS RAM role')?.tried).toBe(true);
  });

  it('reports the credentials URI as tried only when it is set', () => {
    expect(reportFor({}, 'credentials URI')?.tried).toBe(false);
    expect(reportFor({ ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:1/' }, 'credentials URI')?.tried).toBe(
      true
    );
  });

  it('names variables and fixed paths, never a value', () => {
    const values = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'value-of-the-key-id',
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1234567890:role/value-of-role',
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'value-of-provider',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/value-of-token-file',
      ALIBABA_CLOUD_PROFILE: 'value-of-profile',
      ALIBABA_CLOUD_CREDENTIALS_FILE: '/etc/value-of-credentials-file',
      ALIBABA_CLOUD_ECS_METADATA: 'value-of-role-name',
      ALIBABA_CLOUD_CREDENTIALS_URI: 'http://value-of-uri.example/',
    };
    const text = JSON.stringify(describeChainSources(values));
    for (const value of Object.values(values)) {
      expect(text).not.toContain(value);
    }
    // The key id is set, so only its missing partner is named; every other variable is.
    for (const name of Object.keys(values).filter((name) => name !== 'ALIBABA_CLOUD_ACCESS_KEY_ID')) {
      expect(text).toContain(name);
    }
    expect(text).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set');
  });
});

describe('describeChainSources, word for word', () => {
  it('explains an empty environment: what each source would need', () => {
    expect(describeChainSources({})).toEqual([
      {
        source: 'environment variables',
        tried: true,
        detail: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set',
      },
      {
        source: 'OIDC role (RRSA)',
        tried: false,
        detail:
          'not configured: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set',
      },
      {
        source: 'Aliyun CLI profile',
        tried: true,
        detail: '~/.aliyun/config.json is missing, unreadable, or its current profile gave no credentials',
      },
      {
        source: 'credentials file',
        tried: true,
        detail:
          '~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE is not set) is missing, unreadable, or its [default] section gave no credentials',
      },
      {
        source: 'ECS RAM role',
        tried: true,
        detail:
          'the instance metadata service (100.100.100.200) gave no credentials for the attached RAM role: this is not an ECS instance, or no RAM role is attached',
      },
      { source: 'credentials URI', tried: false, detail: 'not configured: ALIBABA_CLOUD_CREDENTIALS_URI is not set' },
    ]);
  });

  it('explains a configured environment: which named profile, file, role and address gave nothing', () => {
    expect(
      describeChainSources({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
        ALIBABA_CLOUD_ROLE_ARN: 'arn',
        ALIBABA_CLOUD_PROFILE: 'work',
        ALIBABA_CLOUD_CREDENTIALS_FILE: '/etc/aliyun/credentials',
        ALIBABA_CLOUD_ECS_METADATA: 'sms-role',
        ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:1/',
      })
    ).toEqual([
      {
        source: 'environment variables',
        tried: true,
        detail: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set',
      },
      {
        source: 'OIDC role (RRSA)',
        tried: false,
        detail: 'skipped because ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set',
      },
      {
        source: 'Aliyun CLI profile',
        tried: true,
        detail:
          '~/.aliyun/config.json is missing, unreadable, or the profile ALIBABA_CLOUD_PROFILE names gave no credentials',
      },
      {
        source: 'credentials file',
        tried: true,
        detail:
          'the file ALIBABA_CLOUD_CREDENTIALS_FILE names is missing, unreadable, or the section ALIBABA_CLOUD_PROFILE names gave no credentials',
      },
      {
        source: 'ECS RAM role',
        tried: true,
        detail:
          'the instance metadata service (100.100.100.200) gave no credentials for the role ALIBABA_CLOUD_ECS_METADATA names: this is not an ECS instance, or no RAM role is attached',
      },
      {
        source: 'credentials URI',
        tried: true,
        detail: 'ALIBABA_CLOUD_CREDENTIALS_URI is set, but that address gave no credentials',
      },
    ]);
  });

  it('says which switch turned the CLI profile and the ECS role off', () => {
    const environment = { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'True', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    expect(reportFor(environment, 'Aliyun CLI profile')).toEqual({
      source: 'Aliyun CLI profile',
      tried: false,
      detail: 'skipped because ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true',
    });
    expect(reportFor(environment, 'ECS RAM role')).toEqual({
      source: 'ECS RAM role',
      tried: false,
      detail: 'skipped because ALIBABA_CLOUD_ECS_METADATA_DISABLED is true',
    });
  });
});

// The library's provider names, mapped to our source names: a new version that adds, drops or
// reorders a source must fail here rather than make our advice quietly wrong.
const libraryNames: Record<string, string> = {
  env: 'environment variables',
  oidc_role_arn: 'OIDC role (RRSA)',
  cli_profile: 'Aliyun CLI profile',
  profile: 'credentials file',
  ecs_ram_role: 'ECS RAM role',
  credential_uri: 'credentials URI',
};

const providerListGuard = z.array(
  z.object({ getProviderName: z.function().returns(z.string()) }).passthrough()
);

const libraryChain = (): string[] => {
  // `providers` is private in the typings; read it only to compare the two lists.
  const providers = providerListGuard.parse(Reflect.get(createDefaultChainProvider(), 'providers'));
  return providers.map((provider) => libraryNames[provider.getProviderName()] ?? provider.getProviderName());
};

const allVariables = Object.values(chainVariables);

describe('describeChainSources against @alicloud/credentials', () => {
  let saved: Record<string, string | undefined> = {};

  beforeEach(() => {
    saved = Object.fromEntries(allVariables.map((name) => [name, process.env[name]]));
    for (const name of allVariables) {
      Reflect.deleteProperty(process.env, name);
    }
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        Reflect.deleteProperty(process.env, name);
      } else {
        process.env[name] = value;
      }
    }
  });

  const environments: Array<Record<string, string>> = [
    {},
    { ALIBABA_CLOUD_ROLE_ARN: 'a', ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'b', ALIBABA_CLOUD_OIDC_TOKEN_FILE: 'c' },
    { ALIBABA_CLOUD_ROLE_ARN: 'a', ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'b' },
    { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'True' },
    { ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:1/' },
  ];

  it.each(environments)('tries the same sources as the library for %o', (environment) => {
    Object.assign(process.env, environment);
    const ours = describeChainSources(process.env)
      .filter(({ tried }) => tried)
      .map(({ source }) => source);
    // The library always appends its URI source, even unset (then it asks "https://undefined/").
    const theirs = libraryChain().filter(
      (source) => source !== 'credentials URI' || environment.ALIBABA_CLOUD_CREDENTIALS_URI !== undefined
    );
    expect(ours).toEqual(theirs);
  });
});
