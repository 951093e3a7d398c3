/** Known-answer vectors of shared/docs/aliyun-sms-api.md, computed with Alibaba's own SDK code. */

/** Vector A: Alibaba's published SMS example, signed with GET and secret `testSecret`. */
export const vectorA = {
  secret: 'testSecret',
  parameters: {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  },
  signatures: { GET: 'zJDF+Lrzhj/ThnlvIToysFRq6t4=' },
} as const;

const vectorBParameters = {
  AccessKeyId: 'testid',
  Action: 'SendSms',
  Format: 'JSON',
  PhoneNumbers: '13800138000',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3f6c8e2a-9d41-4b7e-a5c0-1e2d3c4b5a69',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"123456"}',
  Timestamp: '2025-01-01T12:00:00Z',
  Version: '2017-05-25',
} as const;

/** Vector B: a JSON SendSms with secret `testsecret`, signed with GET and POST. */
export const vectorB = {
  secret: 'testsecret',
  parameters: vectorBParameters,
  signatures: { GET: 'mlZHvrOlR/ae5mdQ7p4KhyoOzGo=', POST: 'Ymvh4WLQXPLKakvkeuNR4E8IWVs=' },
} as const;

const vectorCParameters: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(vectorBParameters).filter(([name]) => name !== 'RegionId')
);

/** Vector C: vector B without RegionId. */
export const vectorC = {
  secret: 'testsecret',
  parameters: vectorCParameters,
  signatures: { GET: 'sEhfLEKfawlaarSLvRDFChcC05Y=', POST: 'DdNUis/WtyVzlkJjUMGXzLTZmE0=' },
} as const;
