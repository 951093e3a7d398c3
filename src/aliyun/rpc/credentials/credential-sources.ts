// What Alibaba's default credential chain (@alicloud/credentials 2.4.7, DefaultCredentialsProvider)
// tries, in its order, described from the environment alone: the library's own error text can
// quote a CLI config file or an STS answer verbatim, secrets included, so it is never shown.
// Only variable names, whether they are set, and fixed paths appear here, never a value.

/** The environment as process.env holds it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One source of the chain, named for an administrator: whether the chain asks it, and why it gave nothing. */
export type CredentialSourceReport = { source: string; tried: boolean; detail: string };

/** The environment variables the default chain reads, by the role they play. */
export const chainVariables = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  roleArn: 'ALIBABA_CLOUD_ROLE_ARN',
  oidcProviderArn: 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
  oidcTokenFile: 'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  profile: 'ALIBABA_CLOUD_PROFILE',
  cliProfileDisabled: 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED',
  credentialsFile: 'ALIBABA_CLOUD_CREDENTIALS_FILE',
  ecsRoleName: 'ALIBABA_CLOUD_ECS_METADATA',
  ecsDisabled: 'ALIBABA_CLOUD_ECS_METADATA_DISABLED',
  credentialsUri: 'ALIBABA_CLOUD_CREDENTIALS_URI',
} as const;

const isSet = (environment: Environment, name: string): boolean =>
  (environment[name] ?? '') !== '';

// The library's own test for its *_DISABLED switches.
const isTrue = (environment: Environment, name: string): boolean =>
  environment[name]?.toLowerCase() === 'true';

const listNames = (names: readonly string[]): string =>
  names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;

const unset = (environment: Environment, names: readonly string[]): string[] =>
  names.filter((name) => !isSet(environment, name));

const accessKeyReport = (environment: Environment): CredentialSourceReport => {
  const names = [chainVariables.accessKeyId, chainVariables.accessKeySecret];
  const missing = unset(environment, names);
  const detail =
    missing.length === 0
      ? `${listNames(names)} are set`
      : `${listNames(missing)} ${missing.length === 1 ? 'is' : 'are'} not set`;
  return { source: 'environment variables', tried: true, detail };
};

const oidcReport = (environment: Environment): CredentialSourceReport => {
  const names = [chainVariables.roleArn, chainVariables.oidcProviderArn, chainVariables.oidcTokenFile];
  const missing = unset(environment, names);
  const source = 'OIDC role (RRSA)';
  if (missing.length === names.length) {
    return { source, tried: false, detail: `not configured: ${listNames(names)} are not set` };
  }
  if (missing.length > 0) {
    return {
      source,
      tried: false,
      detail: `skipped because ${listNames(missing)} ${missing.length === 1 ? 'is' : 'are'} not set`,
    };
  }
  return {
    source,
    tried: true,
    detail: `${listNames(names)} are set, but the token file could not be read or STS AssumeRoleWithOIDC refused it (check the role’s trust policy and the token’s audience)`,
  };
};

const cliProfileReport = (environment: Environment): CredentialSourceReport => {
  const source = 'Aliyun CLI profile';
  if (isTrue(environment, chainVariables.cliProfileDisabled)) {
    return { source, tried: false, detail: `skipped because ${chainVariables.cliProfileDisabled} is true` };
  }
  const profile = isSet(environment, chainVariables.profile)
    ? `the profile ${chainVariables.profile} names`
    : 'its current profile';
  return {
    source,
    tried: true,
    detail: `~/.aliyun/config.json is missing, unreadable, or ${profile} gave no credentials`,
  };
};

const credentialsFileReport = (environment: Environment): CredentialSourceReport => {
  const file = isSet(environment, chainVariables.credentialsFile)
    ? `the file ${chainVariables.credentialsFile} names`
    : `~/.alibabacloud/credentials (${chainVariables.credentialsFile} is not set)`;
  const section = isSet(environment, chainVariables.profile)
    ? `the section ${chainVariables.profile} names`
    : 'its [default] section';
  return {
    source: 'credentials file',
    tried: true,
    detail: `${file} is missing, unreadable, or ${section} gave no credentials`,
  };
};

const ecsReport = (environment: Environment): CredentialSourceReport => {
  const source = 'ECS RAM role';
  if (isTrue(environment, chainVariables.ecsDisabled)) {
    return { source, tried: false, detail: `skipped because ${chainVariables.ecsDisabled} is true` };
  }
  const role = isSet(environment, chainVariables.ecsRoleName)
    ? `the role ${chainVariables.ecsRoleName} names`
    : 'the attached RAM role';
  return {
    source,
    tried: true,
    detail: `the instance metadata service (100.100.100.200) gave no credentials for ${role}: this is not an ECS instance, or no RAM role is attached`,
  };
};

const credentialsUriReport = (environment: Environment): CredentialSourceReport => {
  const source = 'credentials URI';
  // Unset, the library still sends a request to an empty address ("https://undefined/"); that
  // is no source anyone set up, so it is reported as not configured.
  return isSet(environment, chainVariables.credentialsUri)
    ? {
        source,
        tried: true,
        detail: `${chainVariables.credentialsUri} is set, but that address gave no credentials`,
      }
    : { source, tried: false, detail: `not configured: ${chainVariables.credentialsUri} is not set` };
};

/** Every source of the default chain, in its order, for this environment, each with why it gave nothing. */
export const describeChainSources = (environment: Environment): CredentialSourceReport[] => [
  accessKeyReport(environment),
  oidcReport(environment),
  cliProfileReport(environment),
  credentialsFileReport(environment),
  ecsReport(environment),
  credentialsUriReport(environment),
];
