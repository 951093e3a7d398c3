// Codes of Aliyun's API gateway, shared by every product the connector calls (Dysmsapi,
// Dypnsapi, and the doctor's read calls): signature, credentials, RAM, throttling, faults.
import { meaning, type CodeTable } from './meaning.js';

const throttled = meaning(
  'throttled',
  'Aliyun throttled the API call because the account exceeded its request rate (QPS), so no SMS was sent: spread out bulk sending if it keeps happening.'
);

const ramDenied = meaning(
  'config',
  'The RAM user owning this AccessKey may not make this call: in the RAM console, grant it a policy allowing dysms:SendSms (dypns:SendSmsVerifyCode for the SMS authentication service).',
  'accessKeyId'
);

const internalError = meaning(
  'aliyun-fault',
  'Aliyun reported an internal error, so the SMS may or may not have been sent: let the user request a new code in a minute, and check Aliyun’s service status if it persists.'
);

/** The gateway's codes, as data. */
export const gatewayCodes: CodeTable = {
  exact: new Map([
    ['Throttling', throttled],
    ['isp.RAM_PERMISSION_DENY', ramDenied],
    ['Forbidden.RAM', ramDenied],
    [
      'SignatureDoesNotMatch',
      meaning(
        'config',
        'Aliyun rejected the request signature: re-enter accessKeySecret (a stray space or a wrong secret is the usual cause).',
        'accessKeySecret'
      ),
    ],
    [
      'InvalidAccessKeyId.NotFound',
      meaning(
        'config',
        'Aliyun does not know this accessKeyId: copy it again from the RAM console, without spaces.',
        'accessKeyId'
      ),
    ],
    [
      'InvalidAccessKeyId.Inactive',
      meaning(
        'config',
        'This AccessKey is disabled: enable it, or create a new one, in the RAM console and update accessKeyId and accessKeySecret.',
        'accessKeyId'
      ),
    ],
    [
      // The clock of the Logto server is wrong, not the request: resending cannot help.
      'InvalidTimeStamp.Expired',
      meaning(
        'deployment',
        'Aliyun rejected the request time as more than 15 minutes off its own clock: synchronise the Logto server’s clock (NTP).'
      ),
    ],
    [
      // Each attempt is signed with a fresh nonce, so a reused one means an earlier copy of
      // this very request already reached Aliyun and may have sent the SMS.
      'SignatureNonceUsed',
      meaning(
        'aliyun-fault',
        'Aliyun had already received this exact request, so an earlier copy arrived and the SMS may have been sent: do not resend at once, and report it if it recurs, since something is replaying requests.'
      ),
    ],
    [
      'MissingSecurityToken',
      meaning(
        'config',
        'Aliyun expected an STS security token with this temporary AccessKey (its ID starts with STS.): fill securityToken, or use credentialSource "environment".',
        'securityToken'
      ),
    ],
    ['InternalError', internalError],
    [
      // A gateway 503 may follow a backend that already processed the request: not retried.
      'ServiceUnavailable',
      meaning(
        'aliyun-fault',
        'Aliyun’s service was temporarily unavailable, and the SMS may still have been sent: let the user request a new code in a minute, and check Aliyun’s service status if it persists.'
      ),
    ],
  ]),
  families: [
    ['Throttling.', throttled],
    [
      'InvalidAccessKeyId.',
      meaning(
        'config',
        'Aliyun rejected the accessKeyId: copy it again from the RAM console, without spaces, and check that the key is enabled.',
        'accessKeyId'
      ),
    ],
    [
      'InvalidSecurityToken.',
      meaning(
        'config',
        'Aliyun rejected the STS security token (expired, malformed or issued for another AccessKey): refresh the temporary credentials in securityToken, or use credentialSource "environment" so they are refreshed for you.',
        'securityToken'
      ),
    ],
    [
      'Forbidden.',
      meaning(
        'config',
        'Aliyun refused this AccessKey the request: check in the RAM console that the key is enabled and allowed to send SMS.',
        'accessKeyId'
      ),
    ],
  ],
};
