/** The form's label of every config key, so errors can name a key the way the admin sees it. */
export const fieldLabels = {
  accessKeyId: 'AccessKey ID',
  accessKeySecret: 'AccessKey secret',
  securityToken: 'STS security token',
  credentialSource: 'Credentials',
  signName: 'Sign name',
  senderId: 'Sender ID',
  templates: 'Templates',
  strictPhoneRegionNumberCheck: 'Strict phone region check',
  service: 'Aliyun service',
  regionId: 'Region',
  endpoint: 'Endpoint',
  signatureVersion: 'Signature version',
  allowedCountries: 'Allowed countries',
  timeout: 'Timeout (ms)',
  sendLimits: 'Send limits',
  fallback: 'Fallback sender',
} as const;

/** A config key of the connector. */
export type ConfigKeyName = keyof typeof fieldLabels;

const isConfigKey = (key: string): key is ConfigKeyName => Object.hasOwn(fieldLabels, key);

/** A key as errors name it: `accessKeySecret` ("AccessKey secret"). */
export const namedField = (key: string): string =>
  isConfigKey(key) ? `${key} ("${fieldLabels[key]}")` : key;

/** A field path's config key as errors name it; a fallback's key keeps its "fallback." (`fallback.signName ("Sign name")`). */
export const namedConfigKey = (path: string): string => {
  const [key = path, inner] = path.split('.');
  return key === 'fallback' && inner !== undefined ? `fallback.${namedField(inner)}` : namedField(key);
};
