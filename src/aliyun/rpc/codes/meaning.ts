// The vocabulary of the code tables. The tables are data: what an Aliyun Code means for the
// administrator (advice, the config key to fix) and which kind of failure it is; the kind alone
// decides Logto's error code, the end user's sentence and whether a retry is safe.

/** Which kind of failure an Aliyun Code reports. */
export type CodeKind =
  /** Aliyun's per-number frequency limit: the end user must wait. */
  | 'per-number-limit'
  /** The API gateway refused the call for the account's request rate, before processing it. */
  | 'throttled'
  /** An account quota, balance or suspension: nothing the end user can do. */
  | 'quota'
  /** Aliyun refused the recipient (the number, or its region for the template). */
  | 'recipient'
  /** Something in the connector's configuration (or the Aliyun account behind it) is wrong. */
  | 'config'
  /** The deployment (its clock, its IP address) is wrong, not the form. */
  | 'deployment'
  /** An Aliyun-side fault after which the SMS may or may not have gone out. */
  | 'aliyun-fault';

/** The connector's config keys an administrator can be pointed at. */
export type ConfigKey =
  | 'accessKeyId'
  | 'accessKeySecret'
  | 'securityToken'
  | 'signName'
  | 'senderId'
  | 'templates'
  | 'service'
  | 'endpoint'
  | 'regionId'
  | 'credentialSource';

/** One row of a code table. */
export type CodeMeaning = {
  readonly kind: CodeKind;
  /** One sentence for the administrator: what happened and what to do. */
  readonly advice: string;
  /** The config key to fix, when one is to blame. */
  readonly field?: ConfigKey;
};

/** A code table: exact codes, then prefix families, both checked before the unknown-code row. */
export type CodeTable = {
  readonly exact: ReadonlyMap<string, CodeMeaning>;
  readonly families: ReadonlyArray<readonly [prefix: string, meaning: CodeMeaning]>;
};

/** Shorthand for a table row. */
export const meaning = (kind: CodeKind, advice: string, field?: ConfigKey): CodeMeaning =>
  field === undefined ? { kind, advice } : { kind, advice, field };
