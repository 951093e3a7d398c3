// Codes of Short Message Service's SendSms (Dysmsapi 2017-05-25), as data. Business errors
// come with HTTP 200; the gateway's own codes are in ../rpc/codes/gateway.ts.
import { meaning, type CodeTable } from '../rpc/codes/meaning.js';

const templateVariables = meaning(
  'config',
  'Aliyun rejected the template variables: the template’s ${variables} must be exactly the names the template entry’s params give (by default only ${code}), each value text of at most 35 characters.',
  'templates'
);

/** SendSms's codes. */
export const dysmsCodes: CodeTable = {
  exact: new Map([
    [
      'isv.BUSINESS_LIMIT_CONTROL',
      meaning(
        'per-number-limit',
        'Aliyun’s per-number frequency limit was reached (by default 1 code a minute, 5 an hour, 10 a day): the user must wait before requesting another code; the limits can be changed in the SMS console.'
      ),
    ],
    [
      'isv.DAY_LIMIT_CONTROL',
      meaning(
        'quota',
        'The daily sending limit set in the Aliyun SMS console was reached: raise it in the console’s security settings or wait until tomorrow.'
      ),
    ],
    [
      'isv.MONTH_LIMIT_CONTROL',
      meaning(
        'quota',
        'The monthly sending limit set in the Aliyun SMS console was reached: raise it in the console’s security settings or wait until next month.'
      ),
    ],
    [
      'isv.AMOUNT_NOT_ENOUGH',
      meaning(
        'quota',
        'The Aliyun account’s balance is too low to send SMS: top up the account or buy an SMS resource package.'
      ),
    ],
    [
      'isv.OUT_OF_SERVICE',
      meaning(
        'quota',
        'Aliyun has suspended SMS for this account, usually for an overdue balance: settle the account in the Aliyun billing console.'
      ),
    ],
    [
      'isv.MOBILE_NUMBER_ILLEGAL',
      meaning(
        'recipient',
        'Aliyun rejected the phone number for this template: check the number, and give mainland and international numbers their own templates by setting templateCode to { "china": …, "overseas": … }.',
        'templates'
      ),
    ],
    [
      'isv.MOBILE_COUNT_OVER_LIMIT',
      meaning(
        'recipient',
        'Aliyun received more phone numbers than one request allows, which this connector never sends: report it to the connector’s maintainers with the RequestId.'
      ),
    ],
    [
      'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
      meaning(
        'recipient',
        'An international template was used for a mainland China number: set templateCode to { "china": …, "overseas": … } with a mainland template for china.',
        'templates'
      ),
    ],
    [
      'isv.SMS_SIGNATURE_ILLEGAL',
      meaning(
        'config',
        'Aliyun does not accept signName (missing, misspelt or not approved): copy the approved sign name exactly from the SMS console.',
        'signName'
      ),
    ],
    [
      'isv.SIGN_NAME_ILLEGAL',
      meaning(
        'config',
        'Aliyun does not allow this signName: use an approved sign name exactly as the SMS console shows it.',
        'signName'
      ),
    ],
    [
      'isv.SIGN_STATE_ILLEGAL',
      meaning(
        'config',
        'The sign name in signName is not usable (not approved, or disabled): check its status in the SMS console and fix or replace it.',
        'signName'
      ),
    ],
    [
      'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
      meaning(
        'config',
        'The sign name’s type does not fit the template’s type (e.g. a verification-code sign name with a notification template): use a general-purpose sign name or a verification-code template.',
        'signName'
      ),
    ],
    [
      'isv.SMS_TEMPLATE_ILLEGAL',
      meaning(
        'config',
        'Aliyun does not accept the template code (unknown, not approved, or not owned by this account): check templateCode in templates against the approved templates in the SMS console.',
        'templates'
      ),
    ],
    ['isv.TEMPLATE_MISSING_PARAMETERS', templateVariables],
    ['isv.TEMPLATE_PARAMS_ILLEGAL', templateVariables],
    ['isv.INVALID_JSON_PARAM', templateVariables],
    ['isv.PARAM_LENGTH_LIMIT', templateVariables],
    [
      'isv.PARAM_NOT_SUPPORT_URL',
      meaning(
        'config',
        'Aliyun refuses links in template variables: remove the link from the template entry’s params.',
        'templates'
      ),
    ],
    [
      'isv.BLACK_KEY_CONTROL_LIMIT',
      meaning(
        'config',
        'The message contains a word Aliyun blocks: reword the template in the SMS console and submit it for approval again.',
        'templates'
      ),
    ],
    [
      'isv.SMS_CONTENT_ILLEGAL',
      meaning(
        'config',
        'Aliyun blocked the message content as not allowed by the carriers: revise the template in the SMS console and submit it for approval again.',
        'templates'
      ),
    ],
    [
      'isv.DENY_IP_RANGE',
      meaning(
        'deployment',
        'Aliyun refuses mainland China SMS requested from an IP address outside the mainland: send from a server (or egress) with a mainland IP address.'
      ),
    ],
    [
      'isv.INTERFACE_OFFLINE',
      meaning(
        'deployment',
        'Aliyun has switched off the API this request called (the old Add*/Query* sign and template calls gave way to Create*/Get* in 2025): update the connector or the tool that made the call.'
      ),
    ],
    [
      'isv.PRODUCT_UN_SUBSCRIPT',
      meaning(
        'config',
        'Short Message Service is not activated for this Aliyun account: activate it in the Aliyun console, or set service to "dypns" if you use the SMS authentication service.',
        'service'
      ),
    ],
    [
      'isv.ACCOUNT_NOT_EXISTS',
      meaning(
        'config',
        'Aliyun knows no account for these credentials: check accessKeyId and that the account still exists.',
        'accessKeyId'
      ),
    ],
    [
      'isv.ACCOUNT_ABNORMAL',
      meaning(
        'config',
        'Aliyun reports this account as abnormal: check the account’s status in the Aliyun console and contact Aliyun support if needed.',
        'accessKeyId'
      ),
    ],
    [
      'isv.SECURITY_FROZEN_ACCOUNT',
      meaning(
        'config',
        'Aliyun has frozen this account for security reasons: contact Aliyun support.',
        'accessKeyId'
      ),
    ],
    [
      'isv.SMS_TEST_NUMBER_LIMIT',
      meaning(
        'config',
        'A test sign name or template only sends to test numbers bound in the SMS console: bind this number there, or switch signName and templates to approved production ones.',
        'signName'
      ),
    ],
    [
      'isv.SMS_TEST_SIGN_TEMPLATE_LIMIT',
      meaning(
        'config',
        'Aliyun’s test sign name and test template only work together: pair them, or use an approved production sign name and template.',
        'templates'
      ),
    ],
    [
      'isv.SMS_TEST_TEMPLATE_PARAMS_ILLEGAL',
      meaning(
        'config',
        'The test template only accepts a code of 4 to 6 digits: use an approved production template for anything else.',
        'templates'
      ),
    ],
    [
      'isp.SYSTEM_ERROR',
      meaning(
        'aliyun-fault',
        'Aliyun reported an internal error, so the SMS may or may not have been sent: let the user request a new code in a minute, and check Aliyun’s service status if it persists.'
      ),
    ],
  ]),
  families: [],
};
