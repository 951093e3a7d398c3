import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { CredentialSettings } from '../aliyun/rpc/credentials/credentials.js';

import type { AliyunSmsConfig } from './schema.js';

/** The credential part of a validated config, in the shape the credentials resolver takes. */
export const credentialSettingsOf = (config: AliyunSmsConfig): CredentialSettings => {
  if (config.credentialSource === 'environment') {
    return { credentialSource: 'environment' };
  }
  const { accessKeyId, accessKeySecret, securityToken } = config;
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    // The schema already requires both for this source; this keeps the types honest.
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
      errorDescription: 'accessKeyId and accessKeySecret are required unless credentialSource is "environment".',
      fields: ['accessKeyId', 'accessKeySecret'],
    });
  }
  return {
    credentialSource: 'config',
    accessKeyId,
    accessKeySecret,
    ...(securityToken === undefined ? {} : { securityToken }),
  };
};
