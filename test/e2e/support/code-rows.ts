// What an end-to-end table of Aliyun codes is made of, and the API gateway's codes, which every
// product answers alike (Dysmsapi 2018-05-01, Dypnsapi): written from Aliyun's gateway error
// documentation and what each means for the reader, not from src/.
import { ConnectorErrorCodes } from '@logto/connector-kit';

import type { ConfigKeyName } from '../../../src/config/labels.js';

/** One Aliyun code the emulator plays, and what each reader must get for it. */
export type CodeRow = {
  readonly code: string;
  readonly expected: ConnectorErrorCodes;
  /** The status the emulator answers it with. */
  readonly status: number;
  readonly field?: ConfigKeyName;
  readonly says: RegExp;
  readonly retried?: true;
  /** Not an exact code of the table's API: matched by its family, or unknown to it. */
  readonly family?: true;
};

/** What the end user reads when the site's config is at fault. */
export const siteProblem = /problem on this site/;
/** What the end user reads when the SMS may still arrive. */
export const mayArrive = /within a minute/;

/** The API gateway's codes, the same for every product behind it. */
export const gatewayRows: readonly CodeRow[] = [
  { code: 'Throttling', expected: ConnectorErrorCodes.RateLimitExceeded, status: 400, says: /busy/, retried: true },
  { code: 'Throttling.User', expected: ConnectorErrorCodes.RateLimitExceeded, status: 400, says: /busy/, retried: true, family: true },
  { code: 'isp.RAM_PERMISSION_DENY', expected: ConnectorErrorCodes.InvalidConfig, status: 403, field: 'accessKeyId', says: siteProblem },
  { code: 'Forbidden.RAM', expected: ConnectorErrorCodes.InvalidConfig, status: 403, field: 'accessKeyId', says: siteProblem },
  { code: 'SignatureDoesNotMatch', expected: ConnectorErrorCodes.InvalidConfig, status: 400, field: 'accessKeySecret', says: siteProblem },
  { code: 'InvalidAccessKeyId.NotFound', expected: ConnectorErrorCodes.InvalidConfig, status: 404, field: 'accessKeyId', says: siteProblem },
  { code: 'InvalidAccessKeyId.Inactive', expected: ConnectorErrorCodes.InvalidConfig, status: 400, field: 'accessKeyId', says: siteProblem },
  { code: 'InvalidTimeStamp.Expired', expected: ConnectorErrorCodes.InvalidConfig, status: 400, says: siteProblem },
  { code: 'SignatureNonceUsed', expected: ConnectorErrorCodes.General, status: 400, says: mayArrive },
  { code: 'MissingSecurityToken', expected: ConnectorErrorCodes.InvalidConfig, status: 400, field: 'securityToken', says: siteProblem },
  { code: 'InvalidSecurityToken.Expired', expected: ConnectorErrorCodes.InvalidConfig, status: 400, field: 'securityToken', says: siteProblem, family: true },
  { code: 'InternalError', expected: ConnectorErrorCodes.General, status: 500, says: mayArrive },
  { code: 'ServiceUnavailable', expected: ConnectorErrorCodes.General, status: 503, says: mayArrive },
];
