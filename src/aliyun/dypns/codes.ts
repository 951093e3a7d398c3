// Codes of the SMS authentication service's SendSmsVerifyCode (Dypnsapi 2017-05-25), as data.
// They carry no "isv." prefix; the gateway's own codes are in ../rpc/codes/gateway.ts.
import { meaning, type CodeTable } from '../rpc/codes/meaning.js';

const giftSign = meaning(
  'config',
  'Aliyun does not accept signName for the SMS authentication service: it takes only Aliyun’s current gift sign names, which Aliyun rotates; copy a current one from the console (号码认证 → 短信认证 → 赠送签名配置).',
  'signName'
);

const giftTemplate = meaning(
  'config',
  'Aliyun does not accept the template code for the SMS authentication service: use one of Aliyun’s gift templates (100001 to 100005) as listed in the console (号码认证 → 短信认证).',
  'templates'
);

const noResources = meaning(
  'quota',
  'The SMS authentication service has no balance or resource package left: top up the account or buy a package for the service.'
);

/** SendSmsVerifyCode's codes. */
export const dypnsCodes: CodeTable = {
  exact: new Map([
    [
      'BUSINESS_LIMIT_CONTROL',
      meaning(
        'per-number-limit',
        'Aliyun’s per-number limit for the SMS authentication service was reached: the user must wait before requesting another code.'
      ),
    ],
    [
      'FREQUENCY_FAIL',
      meaning(
        'per-number-limit',
        'A code was sent to this number too recently for the SMS authentication service: the user must wait before requesting another code.'
      ),
    ],
    [
      'MOBILE_NUMBER_ILLEGAL',
      meaning(
        'recipient',
        'Aliyun rejected the phone number: the SMS authentication service sends only to mainland China mobile numbers.'
      ),
    ],
    [
      'SECURITY_INTERCEPTED',
      meaning(
        'aliyun-fault',
        'Aliyun’s risk control blocked this send: if it keeps happening for genuine users, contact Aliyun support with the RequestId.'
      ),
    ],
    ['RESOURCE_NOT_ENOUGH', noResources],
    ['BALANCE_NOT_ENOUGH', noResources],
    ['AMOUNT_NOT_ENOUGH', noResources],
    [
      'INVALID_PARAMETERS',
      meaning(
        'config',
        'Aliyun rejected the request’s parameters: check templates (a gift template code and params with "code" and "min") and signName against the SMS authentication console.',
        'templates'
      ),
    ],
    ['SMS_SIGNATURE_ILLEGAL', giftSign],
    ['SIGN_NAME_ILLEGAL', giftSign],
    ['SMS_TEMPLATE_ILLEGAL', giftTemplate],
    ['TEMPLATE_ILLEGAL', giftTemplate],
    [
      'BIZ_NOT_OPEN_STATUS',
      meaning(
        'config',
        'The SMS authentication service is not activated for this Aliyun account: activate it in the console (号码认证 → 短信认证), or set service to "dysms".',
        'service'
      ),
    ],
    [
      'PRODUCT_UN_SUBSCRIPT',
      meaning(
        'config',
        'The SMS authentication service is not activated for this Aliyun account: activate it in the console (号码认证 → 短信认证), or set service to "dysms".',
        'service'
      ),
    ],
  ]),
  families: [],
};
