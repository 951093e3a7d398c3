// The SMS authentication service (Dypnsapi), as the registry knows it.
import { sendSmsVerifyCodeDefaultParams } from '../../templates/params.js';
import type { ProductDefinition } from '../product.js';
import { defaultRegionId, mainlandRegions } from '../regions.js';
import { templateCodeIssues, templateCodeSendCall } from '../template-code-send.js';

import { dypnsCodes } from './codes.js';
import { dypnsEndpoint } from './region.js';
import { sendSmsVerifyCodeApi } from './send.js';

/** The SMS authentication service: mainland only, SendSmsVerifyCode with Aliyun's gift signs. */
export const dypnsProduct: ProductDefinition = {
  product: 'dypns',
  title: 'SMS authentication service: Aliyun-provided sign names, mainland numbers only',
  codes: dypnsCodes,
  regions: mainlandRegions,
  defaultRegion: defaultRegionId,
  regionRule: 'must be a mainland China region: the SMS authentication service (dypns) exists only there',
  endpointOf: () => dypnsEndpoint,
  configIssues: templateCodeIssues,
  defaultParams: sendSmsVerifyCodeDefaultParams,
  mainlandOnly: {
    product: 'The SMS authentication service (service "dypns")',
    instead: 'use service "dysms" with an international template to reach it',
  },
  // Aliyun offers no receipt query for SendSmsVerifyCode: no receiptQuery.
  sendCall: templateCodeSendCall(sendSmsVerifyCodeApi, sendSmsVerifyCodeDefaultParams),
};
