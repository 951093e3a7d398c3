import type { Finding } from '../doctor/finding.js';

/** One finding as a line of the doctor's report. */
export const findingLine = ({ check, status, advice, field }: Finding): string =>
  `${`[${status}]`.padEnd(11)} ${check}${field === undefined ? '' : ` (${field})`}: ${advice}`;
