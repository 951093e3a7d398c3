// What an Aliyun Code means, for the call path (rpc/) and the doctor. It sits beside the
// registry, not in rpc/, because each product's own table comes first.
import { productOf } from './products.js';
import { gatewayCodes } from './rpc/codes/gateway.js';
import { meaning, type CodeMeaning, type CodeTable } from './rpc/codes/meaning.js';

/** The Aliyun product a call went to; each has its own business codes (its table in its folder's codes.ts). */
export type AliyunProduct = 'dysms' | 'dypns' | 'intl';

const unknownCode = meaning(
  'aliyun-fault',
  'Aliyun answered with an error code this connector does not know, so the SMS may or may not have been sent: look the code up in Aliyun’s error-code list, and quote the RequestId to Aliyun support if it persists.'
);

const lookUp = (table: CodeTable, code: string): CodeMeaning | undefined =>
  table.exact.get(code) ?? table.families.find(([prefix]) => code.startsWith(prefix))?.[1];

/** What an Aliyun Code means for a product: its own table first, then the gateway's, else unknown. */
export const classifyCode = (product: AliyunProduct, code: string): CodeMeaning =>
  lookUp(productOf(product).codes, code) ?? lookUp(gatewayCodes, code) ?? unknownCode;

/** Every exact code a product's send can map, gateway codes included, for docs and exhaustive tests. */
export const knownCodes = (product: AliyunProduct): readonly string[] => [
  ...productOf(product).codes.exact.keys(),
  ...gatewayCodes.exact.keys(),
];

/** The prefix families (e.g. "Throttling."), for docs. */
export const knownFamilies = (): readonly string[] => gatewayCodes.families.map(([prefix]) => prefix);
