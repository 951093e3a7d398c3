import type { DoctorReport } from '../doctor/diagnose.js';
import type { Finding, Verdict } from '../doctor/finding.js';

/** One finding as a line of the doctor's report. */
export const findingLine = ({ check, status, advice, field }: Finding): string =>
  `${`[${status}]`.padEnd(11)} ${check}${field === undefined ? '' : ` (${field})`}: ${advice}`;

const count = (number: number, noun: string): string => `${number} ${noun}${number === 1 ? '' : 's'}`;

type Tally = { total: number; problems: number; unchecked: number };

/** What each verdict says under the findings, from how many checks came out how. */
export const verdictSentences: Readonly<Record<Verdict, (tally: Tally) => string>> = {
  healthy: ({ total }) => `No problem found in ${count(total, 'check')}, every one made.`,
  problem: ({ problems, unchecked }) =>
    `${count(problems, 'problem')} found${unchecked === 0 ? '' : `; ${count(unchecked, 'check')} could not be made`}.`,
  incomplete: ({ total, unchecked }) =>
    `Incomplete: ${unchecked} of ${count(total, 'check')} could not be made; the others found no problem.`,
};

/** The report's last line: the verdict in words, and the exit status that carries it. */
export const verdictLine = ({ verdict, findings }: DoctorReport, exitStatus: number): string => {
  const tally: Tally = {
    total: findings.length,
    problems: findings.filter(({ status }) => status === 'problem').length,
    unchecked: findings.filter(({ status }) => status === 'unchecked').length,
  };
  return `${verdictSentences[verdict](tally)} Exit status ${exitStatus}.`;
};
