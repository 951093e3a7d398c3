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

/** Whether any finding is a problem (checks that could not run are not problems). */
export const hasProblem = (findings: readonly Finding[]): boolean =>
  findings.some(({ status }) => status === 'problem');

/**
 * A run's verdict: a problem found outranks checks that could not be made, which outrank a
 * clean run, because "nothing found" means something only when everything was looked at.
 */
export type Verdict = 'healthy' | 'problem' | 'incomplete';

/** The verdict of a run's findings. */
export const verdictOf = (findings: readonly Finding[]): Verdict =>
  hasProblem(findings) ? 'problem' : findings.some(({ status }) => status === 'unchecked') ? 'incomplete' : 'healthy';
