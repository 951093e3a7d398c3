import type { CallRuntime } from './aliyun/call.js';
import type { CredentialChain } from './aliyun/credentials.js';

/** Seams for tests of a send or a diagnosis: the calls' clocks and network, and the credential chain. */
export type SendRuntime = Partial<CallRuntime> & { credentialChain?: CredentialChain };
