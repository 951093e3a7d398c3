import type { Account } from './accounts.js';
import { checkSendSms } from './business.js';
import { checkGateway } from './gateway.js';
import type { NonceStore } from './nonces.js';
import type { RequestParams } from './params.js';
import type { RateLimiter } from './rate-limit.js';
import type { AcceptedMessage } from './records.js';
import { newBizId } from './responses.js';
import { accept, type Verdict } from './verdict.js';

/** One request to judge, with the emulator state the checks read and update. */
export interface JudgeInput {
  readonly method: string;
  readonly path: string;
  readonly params: RequestParams;
  readonly requestId: string;
  readonly now: Date;
  readonly accounts: readonly Account[];
  readonly nonces: NonceStore;
  readonly limiter: RateLimiter | undefined;
}

/** The verdict, plus the message (carrying its BizId) when the SMS was accepted. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly message: AcceptedMessage | undefined;
}

/** Judges a request as Aliyun would: gateway checks first, then SendSms's own. */
export function judgeRequest(input: JudgeInput): Judgement {
  const gateway = checkGateway(input);
  if (!gateway.ok) return { verdict: gateway.verdict, message: undefined };
  const result = checkSendSms({ account: gateway.account, values: input.params.values, now: input.now, limiter: input.limiter });
  if (!result.ok) return { verdict: result.verdict, message: undefined };
  const { send } = result;
  return {
    verdict: accept(),
    message: {
      phoneNumber: send.phoneNumber,
      e164: send.e164,
      region: send.region,
      signName: send.signName,
      templateCode: send.template.code,
      templateParam: send.templateParam,
      text: send.text,
      bizId: newBizId(),
      requestId: input.requestId,
      outId: send.outId,
      accessKeyId: gateway.account.accessKeyId,
      acceptedAt: input.now,
    },
  };
}
