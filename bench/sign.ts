// The least work a SendSms request needs: the form, signed with Aliyun's V1 signature
// (HMAC-SHA1 over the sorted, percent-encoded parameters), written here with node:crypto
// alone so that the reference clients owe nothing to the code they are compared with.
import { createHmac, randomUUID } from 'node:crypto';

import { account, isMainland } from './scenario.js';

/** RFC 3986 encoding, as Aliyun's signature wants it: only A–Z a–z 0–9 - _ . ~ stay as they are. */
const percentEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/** The signed SendSms form body (application/x-www-form-urlencoded) for one verification code to `phone`. */
export const signedSendSmsBody = (phone: string): string => {
  const parameters: Record<string, string> = {
    AccessKeyId: account.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: phone,
    RegionId: 'cn-hangzhou',
    SignName: account.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: isMainland(phone) ? account.mainlandTemplate : account.internationalTemplate,
    TemplateParam: `{"code":"${account.code}"}`,
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  // Written in sorted order already; the percent-encoded query doubles as the form body.
  const query = Object.entries(parameters)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
  const signature = createHmac('sha1', `${account.accessKeySecret}&`)
    .update(`POST&%2F&${percentEncode(query)}`)
    .digest('base64');
  return `${query}&Signature=${percentEncode(signature)}`;
};
