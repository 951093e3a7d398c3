// What the send tests of both template-code products (dysms, dypns) start from.
import { parseAnswer, type AliyunAnswer } from './rpc/answer.js';
import type { SmsToSend } from './template-code-send.js';

/** A mainland SMS as the connector decides it, before a product names its parameters. */
export const mainlandSms: SmsToSend = {
  phoneNumber: '13800138000',
  mainlandNumber: '13800138000',
  signName: '阿里云短信测试',
  templateCode: 'SMS_154950909',
  templateParam: '{"code":"482913"}',
};

/** An answer exactly as Aliyun's JSON would be read. */
export const answerOf = (json: unknown): AliyunAnswer => {
  const parsed = parseAnswer(JSON.stringify(json));
  if (parsed === undefined) {
    throw new TypeError('not an Aliyun answer');
  }
  return parsed;
};
