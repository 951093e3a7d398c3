/** How a check came out. */
export type FindingStatus = 'passed' | 'note' | 'problem' | 'unchecked';

/** One check of the doctor: what it looked at, how it came out, what to do. */
export type Finding = {
  /** What was checked, e.g. `sign name`, `template SMS_123 (SignIn)`. */
  check: string;
  status: FindingStatus;
  /** The config key to fix, when one is to blame. */
  field?: string;
  /** One sentence: what the check found and, unless it passed, what to do. */
  advice: string;
};

/** Shorthand for a finding. */
export const finding = (check: string, status: FindingStatus, advice: string, field?: string): Finding =>
  field === undefined ? { check, status, advice } : { check, status, advice, field };

/** Whether any finding is a problem: the doctor's verdict (checks that could not run do not count). */
export const hasProblem = (findings: readonly Finding[]): boolean =>
  findings.some(({ status }) => status === 'problem');
