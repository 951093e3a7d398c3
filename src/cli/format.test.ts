import { describe, expect, it } from 'vitest';

import { findingLine } from './format.js';

describe('findingLine', () => {
  it('aligns the status in a column and names the key to fix after the check', () => {
    expect(findingLine({ check: 'sign name', status: 'problem', advice: 'It is under review.', field: 'signName' })).toBe(
      '[problem]   sign name (signName): It is under review.'
    );
    expect(findingLine({ check: 'server clock', status: 'unchecked', advice: 'No Date.' })).toBe('[unchecked] server clock: No Date.');
    expect(findingLine({ check: 'credentials', status: 'passed', advice: 'They work.' })).toBe('[passed]    credentials: They work.');
  });
});
