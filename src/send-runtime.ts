import type { CallRuntime } from './aliyun/rpc/call.js';
import type { CredentialChain } from './aliyun/rpc/credentials/credentials.js';
import type { LimitRuntime } from './limits/enforce.js';
import type { ReceiptOptions } from './receipts/follow.js';

/** Seams for tests of a send or a diagnosis: the calls' clocks and network, the credential chain, the send limits' stores, how a console Send follows its receipt, the server log. */
export type SendRuntime = Partial<CallRuntime> & {
  credentialChain?: CredentialChain;
  limits?: LimitRuntime;
  receipts?: ReceiptOptions;
  /** Where a fallback send's line goes; default console.warn, which Logto writes to its server log. */
  warn?: (line: string) => void;
};
