// The doctor for the international site: Aliyun has no read API for its sender IDs, and its
// free-text messages need no approval; what can be checked is that the credentials, the
// endpoint and the clock work, with a QueryMessage for a MessageId no message has.
import { queryMessageApi, noRecordCode, probeMessageId } from '../aliyun/intl/query.js';

import { finding, type Finding } from './finding.js';
import type { RemoteCheckInput } from './product-doctor.js';
import {
  aliyunCodeOf,
  clockFinding,
  credentialsFinding,
  credentialsWork,
  isReadDenied,
  readCall,
  serverDateOf,
  type ReadOutcome,
} from './remote-checks.js';

const readFinding = (outcome: ReadOutcome): Finding | undefined => {
  if (!credentialsWork(outcome)) {
    return undefined;
  }
  if (isReadDenied(outcome)) {
    return finding(
      'QueryMessage',
      'note',
      'The RAM user may not call QueryMessage: grant dysms:QueryMessage to let the doctor and the console read delivery receipts.',
      'accessKeyId'
    );
  }
  const code = outcome.ok ? 'OK' : aliyunCodeOf(outcome.error);
  return code === noRecordCode || code === 'OK'
    ? finding('QueryMessage', 'passed', 'Aliyun answered QueryMessage on the international site’s API.')
    : finding('QueryMessage', 'unchecked', `Aliyun answered QueryMessage with ${code ?? 'no code'}.`);
};

/** The credentials, clock and read permission, as one QueryMessage proves them. */
export const intlFindings = async (input: RemoteCheckInput): Promise<Finding[]> => {
  const outcome = await readCall(
    input.config,
    input.credentials,
    input.endpoint,
    { ...queryMessageApi, parameters: { MessageId: probeMessageId }, timeoutMs: Math.max(1, input.remaining()) },
    input.runtime
  );
  const findings = [credentialsFinding(outcome), clockFinding(serverDateOf(outcome), input.now())];
  const read = readFinding(outcome);
  const usable = credentialsWork(outcome) ? findings : findings.filter((item) => item.check !== 'server clock' || item.status !== 'unchecked');
  return [
    ...usable,
    ...(read === undefined ? [] : [read]),
    // A note, not unchecked: Aliyun has no read call for it, so there was nothing to try,
    // and the verdict (exit 3) speaks only of checks that were tried and could not be made.
    finding(
      'sender ID and messages',
      'note',
      'Aliyun offers no read API for sender IDs and sends free text unreviewed: press Send in the console to test a number in each country you serve.',
      'senderId'
    ),
  ];
};
