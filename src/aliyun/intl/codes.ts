// ResponseCodes of the international site's API (Dysmsapi 2018-05-01), as data: no isv.
// prefix, HTTP 200. Gateway codes (signature, AccessKey, Throttling.*) are in ../rpc/codes/gateway.ts.
import { meaning, type CodeTable } from '../rpc/codes/meaning.js';

const mainlandTemplateVariables = meaning(
  'config',
  'Aliyun rejected the variables of the mainland template: its ${variables} must be exactly the names the entry’s params give (by default only ${code}), each value text of at most 35 characters.',
  'templates'
);

/** SendMessageToGlobe's, SendMessageWithTemplate's and QueryMessage's codes. */
export const intlCodes: CodeTable = {
  exact: new Map([
    [
      'INVALID_SENDERID',
      meaning(
        'config',
        'Aliyun does not accept senderId for this number: use a sender ID approved in the SMS console (Go Globe → SenderID), exactly as approved, or remove senderId for countries that do not need one.',
        'senderId'
      ),
    ],
    [
      'FORBIDDEN_ACTION',
      meaning(
        'config',
        'Aliyun has downgraded this account’s API access: submit a ticket to Aliyun to restore it, quoting the RequestId.'
      ),
    ],
    [
      'OUT_OF_SERVICE',
      meaning('quota', 'Aliyun has suspended international SMS for this account: settle the account and contact Aliyun support.'),
    ],
    [
      'ACCOUNT_NOT_EXISTS',
      meaning(
        'config',
        'Aliyun knows no international-site SMS account behind this AccessKey: activate SMS and complete identity verification on alibabacloud.com, or, for an aliyun.com account, set service to "dysms".',
        'service'
      ),
    ],
    [
      'SMS_CONTENT_CODE_ILLEGAL',
      meaning(
        'config',
        'Aliyun does not accept the template code for mainland China numbers (unknown, not approved or rejected): check templateCode in templates against the approved mainland templates in the SMS console.',
        'templates'
      ),
    ],
    [
      'SMS_SIGN_NAME_ILLEGAL',
      meaning(
        'config',
        'Aliyun does not accept signName for mainland China numbers (unknown, not approved or rejected): copy the approved sign name exactly from the SMS console.',
        'signName'
      ),
    ],
    [
      'MOBILE_NUMBER_ILLEGAL',
      meaning('recipient', 'Aliyun rejected the phone number’s format: the number the user entered is not one Aliyun can send to.'),
    ],
    [
      'MOBILE_COUNT_OVER_LIMIT',
      meaning(
        'recipient',
        'Aliyun received more phone numbers than one request allows, which this connector never sends: report it to the connector’s maintainers with the RequestId.'
      ),
    ],
    ['CONTENT_MISSING_PARAMETERS', mainlandTemplateVariables],
    ['INVALID_JSON_PARAM', mainlandTemplateVariables],
    ['PARAM_LENGTH_LIMIT', mainlandTemplateVariables],
    [
      'INVALID_PARAMETERS',
      meaning(
        'config',
        'Aliyun rejected the request’s parameters: check the entry’s message, senderId and, for mainland numbers, templateCode and params.',
        'templates'
      ),
    ],
    [
      'AMOUNT_NOT_ENOUGH',
      meaning('quota', 'The Aliyun account’s balance or resource package is used up: top up the account or buy an international SMS package.'),
    ],
    [
      'SYSTEM_ERROR',
      meaning(
        'aliyun-fault',
        'Aliyun reported an internal error, so the SMS may or may not have been sent (and billed): let the user request a new code in a minute, and contact Aliyun support if it persists.'
      ),
    ],
    [
      'DATA_NOT_EXIST',
      meaning(
        'aliyun-fault',
        'Aliyun has no record of this message yet: records appear some seconds after sending, so ask again later.'
      ),
    ],
    [
      // Refused for the account's request rate, as the gateway's Throttling is: nothing was
      // accepted for sending, so the call may be made again.
      'QPS_LIMIT_CONTROL',
      meaning(
        'throttled',
        'Aliyun refused the send because the account exceeded its request rate (QPS), so no SMS was sent: spread out bulk sending if it keeps happening.'
      ),
    ],
    [
      'ONLINE_BILLING_FAILED',
      meaning(
        'aliyun-fault',
        'Aliyun’s billing for international SMS failed or was busy, so the SMS may or may not have been sent: let the user request a new code in a minute.'
      ),
    ],
    [
      'QUERY_DATE_ILLEGAL',
      meaning(
        'aliyun-fault',
        'Aliyun refused a query date, which this connector never sends: report it to the connector’s maintainers with the RequestId.'
      ),
    ],
    [
      'RAM_PERMISSION_DENY',
      meaning(
        'config',
        'The RAM user owning this AccessKey may not make this call: in the RAM console, grant it dysms:SendMessageToGlobe and dysms:SendMessageWithTemplate (and dysms:QueryMessage for the config doctor).',
        'accessKeyId'
      ),
    ],
    [
      'PRODUCT_NOT_SUBSCRIBED',
      meaning(
        'config',
        'Short Message Service is not activated for this Aliyun account: activate it in the SMS console of alibabacloud.com, or, for an aliyun.com account, set service to "dysms".',
        'service'
      ),
    ],
    [
      'SMS_SECURITY_INTERCEPTED',
      meaning(
        'aliyun-fault',
        'Aliyun’s risk control for international SMS blocked this send: if it keeps happening for genuine users, contact Aliyun support with the RequestId.'
      ),
    ],
    [
      'SMS_CONTENT_ILLEGAL',
      meaning(
        'config',
        'Aliyun refused the message content as not allowed: reword the entry’s message (links, advertising and some words are refused in many countries).',
        'templates'
      ),
    ],
    [
      'ACCOUNT_ILLEGAL',
      meaning('quota', 'Aliyun has blacklisted this account for sending content that is not allowed: contact Aliyun support.'),
    ],
    [
      'BLACK_KEY_CONTROL_LIMIT',
      meaning('config', 'The message contains a word Aliyun blocks: reword the entry’s message.', 'templates'),
    ],
    [
      'NOT_SUPPORTED_COUNTRY',
      meaning(
        'recipient',
        'Aliyun does not send international SMS to this country for this account: ask Aliyun support to enable it, or leave the country out of allowedCountries.'
      ),
    ],
  ]),
  families: [],
};
