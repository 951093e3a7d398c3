import { describe, expect, it } from 'vitest';

import { finding, hasProblem, verdictOf } from './finding.js';

describe('finding', () => {
  it('carries a field only when a config key is to blame', () => {
    expect(finding('server clock', 'passed', 'In step.')).toStrictEqual({ check: 'server clock', status: 'passed', advice: 'In step.' });
    expect(Object.keys(finding('server clock', 'passed', 'In step.'))).not.toContain('field');
    expect(finding('sign name', 'problem', 'Rejected.', 'signName')).toStrictEqual({
      check: 'sign name',
      status: 'problem',
      advice: 'Rejected.',
      field: 'signName',
    });
  });
});

describe('hasProblem', () => {
  it('counts only problems: notes and checks that could not run do not fail the diagnosis', () => {
    expect(hasProblem([finding('a', 'passed', '.'), finding('b', 'note', '.'), finding('c', 'unchecked', '.')])).toBe(false);
    expect(hasProblem([finding('a', 'passed', '.'), finding('b', 'problem', '.')])).toBe(true);
    expect(hasProblem([])).toBe(false);
  });
});

describe('verdictOf', () => {
  const passed = finding('a', 'passed', '.');
  const note = finding('b', 'note', '.');
  const unchecked = finding('c', 'unchecked', '.');
  const problem = finding('d', 'problem', '.');

  it('is healthy when every check was made and none found a problem (notes included)', () => {
    expect(verdictOf([passed, note])).toBe('healthy');
  });

  it('is incomplete when a check could not be made and none found a problem', () => {
    expect(verdictOf([passed, unchecked])).toBe('incomplete');
    expect(verdictOf([unchecked])).toBe('incomplete');
  });

  it('is problem when a check found one, whatever else could not be made', () => {
    expect(verdictOf([unchecked, problem, passed])).toBe('problem');
    expect(verdictOf([problem, unchecked])).toBe('problem');
  });
});
