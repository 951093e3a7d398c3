import { describe, expect, it } from 'vitest';

import { finding, hasProblem } from './finding.js';

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
