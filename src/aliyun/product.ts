// What the connector knows of one Aliyun product that sends verification codes: its code
// table, where it is served, what a config for it must hold, and how one send is made. The
// registry (products.ts) lists them; nothing else asks which product it is dealing with.
import type { AliyunSmsConfig, SenderConfig } from '../config/schema.js';
import type { Recipient } from '../phone.js';
import type { TemplateEntry } from '../templates/entry.js';
import type { TemplateParams } from '../templates/params.js';

import type { AliyunAnswer } from './rpc/answer.js';
import type { AliyunProduct } from './classify.js';
import type { CodeTable } from './rpc/codes/meaning.js';
import type { ReceiptQuery } from './receipt-query.js';
import type { RegionId } from './regions.js';
import type { SendResult as BizIdResult } from './template-code-send.js';

/** Aliyun's ids of an accepted message: Dysmsapi 2017's BizId, or the international site's MessageId. */
export type SendResult = BizIdResult | { MessageId: string; RequestId: string };

/** One send call, as a product builds it for one recipient. */
export type SendCall = {
  action: string;
  version: string;
  parameters: Record<string, string>;
  /** The accepted result of an OK answer (and its raw body), or undefined when it lacks its id. */
  accept: (answer: AliyunAnswer, body: string) => SendResult | undefined;
  /** How the product's answers are read; default: Dysmsapi 2017's `Code`. */
  readAnswer?: (body: string) => AliyunAnswer | undefined;
};

/** What one send is made of, once the recipient is resolved and the entry chosen. */
export type SendInput = {
  config: AliyunSmsConfig;
  recipient: Recipient;
  entry: TemplateEntry;
  code: string;
};

/** One problem of a config; `path` as zod names it (e.g. ['templates', 0, 'message']). */
export type ConfigIssue = { path: Array<string | number>; message: string };

/** One Aliyun product that sends verification codes. */
export type ProductDefinition = {
  product: AliyunProduct;
  /** Its choice in the connector's config form. */
  title: string;
  codes: CodeTable;
  /** The regions a config for this product may name, and the one used when it names none. */
  regions: readonly RegionId[];
  defaultRegion: RegionId;
  /** Why any other region is refused, e.g. 'must be a mainland China region: …'. */
  regionRule: string;
  endpointOf: (regionId: RegionId) => string;
  /** The product's own rules for a sender's keys (required keys, template entries), main or fallback. */
  configIssues: (config: SenderConfig) => ConfigIssue[];
  /** The template variables an entry without `params` sends. */
  defaultParams: Readonly<TemplateParams>;
  /** Set when the product reaches only mainland China numbers: who says so, and what to use instead. */
  mainlandOnly?: { product: string; instead: string };
  /** How an accepted message's receipt is read, when the product offers a query for it. */
  receiptQuery?: ReceiptQuery;
  /** The call for one send; throws a ConnectorError when this recipient cannot be served. */
  sendCall: (input: SendInput) => SendCall;
};
