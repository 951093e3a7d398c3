import type { CallRuntime } from './aliyun/call.js';
import type { CredentialChain } from './aliyun/credentials.js';
import type { LimitRuntime } from './limits/enforce.js';

/** Seams for tests of a send or a diagnosis: the calls' clocks and network, the credential chain and the send limits' stores. */
export type SendRuntime = Partial<CallRuntime> & { credentialChain?: CredentialChain; limits?: LimitRuntime };
