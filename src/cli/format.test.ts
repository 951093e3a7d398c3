import { describe, expect, it } from 'vitest';

import { reportOf } from '../doctor/diagnose.js';
import { finding } from '../doctor/finding.js';

import { findingLine, verdictLine } from './format.js';

describe('findingLine', () => {
  it('aligns the status in a column and names the key to fix after the check', () => {
    expect(findingLine({ check: 'sign name', status: 'problem', advice: 'It is under review.', field: 'signName' })).toBe(
      '[problem]   sign name (signName): It is under review.'
    );
    expect(findingLine({ check: 'server clock', status: 'unchecked', advice: 'No Date.' })).toBe('[unchecked] server clock: No Date.');
    expect(findingLine({ check: 'credentials', status: 'passed', advice: 'They work.' })).toBe('[passed]    credentials: They work.');
  });
});

describe('verdictLine', () => {
  const passed = finding('credentials', 'passed', 'They work.');
  const unchecked = finding('sign name', 'unchecked', 'No answer.');
  const problem = finding('server clock', 'problem', 'Set NTP.');

  it('says every check was made when nothing was found', () => {
    expect(verdictLine(reportOf([passed, passed]), 0)).toBe('No problem found in 2 checks, every one made. Exit status 0.');
    expect(verdictLine(reportOf([passed]), 0)).toBe('No problem found in 1 check, every one made. Exit status 0.');
  });

  it('counts the checks that could not be made when nothing else was found', () => {
    expect(verdictLine(reportOf([passed, unchecked, unchecked]), 3)).toBe(
      'Incomplete: 2 of 3 checks could not be made; the others found no problem. Exit status 3.'
    );
  });

  it('counts the problems, and the checks that could not be made beside them', () => {
    expect(verdictLine(reportOf([problem, passed]), 1)).toBe('1 problem found. Exit status 1.');
    expect(verdictLine(reportOf([problem, problem, unchecked]), 1)).toBe('2 problems found; 1 check could not be made. Exit status 1.');
  });
});
