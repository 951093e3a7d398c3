import { describe, expect, it } from 'vitest';

import { throughputTargets, type Level, type Ratios } from './targets.js';

// A level that meets every target by a margin; each test moves one ratio.
const good: Ratios = { sendsPerSecond: 1, cpuMicrosPerSend: 1, p99Ms: 1 };
const level = (overrides: Partial<Record<'bare-got' | 'got+phone' | 'official', Partial<Ratios>>> = {}, concurrency = 32): Level => ({
  concurrency,
  versus: {
    'bare-got': { ...good, sendsPerSecond: 0.8, cpuMicrosPerSend: 1.3, p99Ms: 1.1, ...overrides['bare-got'] },
    'got+phone': { ...good, ...overrides['got+phone'] },
    official: { sendsPerSecond: 1.4, cpuMicrosPerSend: 0.7, p99Ms: 0.8, ...overrides.official },
  },
});

const verdictOf = (levels: Level[], label: string): string | undefined =>
  throughputTargets(levels).find((line) => line.label === label)?.verdict;

describe('throughputTargets', () => {
  it('judges each level against got+phone, bare got’s p99 and the official connector, and shows bare got for information', () => {
    expect(throughputTargets([level()])).toEqual([
      { label: '32 in flight: sends/s ≥ 0.9× got+phone', actual: '1.00×', verdict: 'pass' },
      { label: '32 in flight: CPU per send ≤ 1.1× got+phone', actual: '1.00×', verdict: 'pass' },
      { label: '32 in flight: p99 ≤ 1.2× bare got', actual: '1.10×', verdict: 'pass' },
      { label: '32 in flight: sends/s above the official connector’s', actual: '1.40×', verdict: 'pass' },
      { label: '32 in flight: CPU per send below the official connector’s', actual: '0.70×', verdict: 'pass' },
      { label: '32 in flight: p99 below the official connector’s', actual: '0.80×', verdict: 'pass' },
      { label: '32 in flight: sends/s vs bare got (information)', actual: '0.80×', verdict: 'info' },
      { label: '32 in flight: CPU per send vs bare got (information)', actual: '1.30×', verdict: 'info' },
    ]);
  });

  it('passes sends/s at exactly 0.9× got+phone’s and fails it just below', () => {
    const label = '32 in flight: sends/s ≥ 0.9× got+phone';
    expect(verdictOf([level({ 'got+phone': { sendsPerSecond: 0.9 } })], label)).toBe('pass');
    expect(verdictOf([level({ 'got+phone': { sendsPerSecond: 0.899 } })], label)).toBe('FAIL');
  });

  it('passes CPU per send at exactly 1.1× got+phone’s and fails it just above', () => {
    const label = '32 in flight: CPU per send ≤ 1.1× got+phone';
    expect(verdictOf([level({ 'got+phone': { cpuMicrosPerSend: 1.1 } })], label)).toBe('pass');
    expect(verdictOf([level({ 'got+phone': { cpuMicrosPerSend: 1.101 } })], label)).toBe('FAIL');
  });

  it('judges p99 against bare got, not got+phone', () => {
    const label = '32 in flight: p99 ≤ 1.2× bare got';
    expect(verdictOf([level({ 'bare-got': { p99Ms: 1.2 }, 'got+phone': { p99Ms: 2 } })], label)).toBe('pass');
    expect(verdictOf([level({ 'bare-got': { p99Ms: 1.201 }, 'got+phone': { p99Ms: 1 } })], label)).toBe('FAIL');
  });

  it('never judges bare got’s sends/s or CPU, however far off', () => {
    const lines = throughputTargets([level({ 'bare-got': { sendsPerSecond: 0.1, cpuMicrosPerSend: 5 } })]);
    expect(lines.filter(({ verdict }) => verdict === 'FAIL')).toEqual([]);
  });

  it.each([
    ['sends/s above the official connector’s', { sendsPerSecond: 1 }],
    ['CPU per send below the official connector’s', { cpuMicrosPerSend: 1 }],
    ['p99 below the official connector’s', { p99Ms: 1 }],
  ])('fails %s on a tie: ahead means ahead', (target, official) => {
    expect(verdictOf([level({ official })], `32 in flight: ${target}`)).toBe('FAIL');
  });

  it('fails a ratio that could not be measured', () => {
    const lines = throughputTargets([level({ 'got+phone': { sendsPerSecond: Number.NaN, cpuMicrosPerSend: Number.NaN } })]);
    expect(lines.slice(0, 2).map(({ verdict }) => verdict)).toEqual(['FAIL', 'FAIL']);
  });

  it('judges every level it is given, each on its own ratios', () => {
    const lines = throughputTargets([
      level({}, 1),
      level({ 'got+phone': { cpuMicrosPerSend: 1.2 } }, 32),
      level({}, 128),
    ]);
    expect(lines).toHaveLength(24);
    expect(lines.filter(({ verdict }) => verdict === 'FAIL').map(({ label }) => label)).toEqual(['32 in flight: CPU per send ≤ 1.1× got+phone']);
    const eight = (text: string): string[] => Array.from({ length: 8 }, () => text);
    expect(lines.map(({ label }) => label.split(':')[0])).toEqual([...eight('1 in flight'), ...eight('32 in flight'), ...eight('128 in flight')]);
  });
});
