// Short Message Service on the China site (aliyun.com accounts), as the registry knows it.
import { sendSmsDefaultParams } from '../../templates/params.js';
import type { ProductDefinition } from '../product.js';
import { defaultRegionId, supportedRegions } from '../regions.js';
import { templateCodeIssues, templateCodeSendCall } from '../template-code-send.js';

import { dysmsCodes } from './codes.js';
import { dysmsReceiptQuery } from './receipt-query.js';
import { dysmsEndpointOf } from './regions.js';
import { sendSmsApi } from './send.js';

/** Short Message Service: every region with a Dysmsapi endpoint, SendSms. */
export const dysmsProduct: ProductDefinition = {
  product: 'dysms',
  title: 'Short Message Service: your own approved sign name',
  codes: dysmsCodes,
  regions: supportedRegions,
  defaultRegion: defaultRegionId,
  regionRule: 'must be a region with a Dysmsapi endpoint',
  endpointOf: dysmsEndpointOf,
  configIssues: templateCodeIssues,
  defaultParams: sendSmsDefaultParams,
  receiptQuery: dysmsReceiptQuery,
  sendCall: templateCodeSendCall(sendSmsApi, sendSmsDefaultParams),
};
