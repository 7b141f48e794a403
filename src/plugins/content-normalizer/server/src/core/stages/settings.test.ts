import type { Problem } from '../types';
import { LINE_RULES } from '../rules';
import { sourceLineKey, sourceMemoryLimits } from '../source-memory';
import { resolveSettings, rulesInForce } from './settings';

const limits = sourceMemoryLimits(undefined);

describe('stage settings', () => {
  test('per-source settings win over global ones, which win over the defaults', () => {
    const options = { rules: { 'ad-line': false, byline: false }, sources: { 'harbor-weekly': { rules: { 'ad-line': true } } } };
    const harbor = resolveSettings(options, 'harbor-weekly');
    expect(harbor.enabled('ad-line')).toBe(true);
    expect(harbor.enabled('byline')).toBe(false);
    expect(harbor.enabled('title')).toBe(true);
    const other = resolveSettings(options, 'other');
    expect(other.enabled('ad-line')).toBe(false);
  });
  test('a source named like an Object property is just a name', () => {
    const s = resolveSettings({ rules: { title: false } }, 'constructor');
    expect(s.enabled('title')).toBe(false);
    expect(s.patterns).toEqual([]);
  });
  test('custom patterns: global ones first, then the source’s', () => {
    const s = resolveSettings(
      { customPatterns: [{ pattern: 'Sponsored' }], sources: { lake: { customPatterns: [{ pattern: '^Photo:', flags: '' }] } } },
      'lake',
    );
    expect(s.patterns.map((p) => p.pattern)).toEqual(['Sponsored', '^Photo:']);
  });
  test('rules in force: built-ins in registry order, then custom patterns; invalid patterns are problems', () => {
    const problems: Problem[] = [];
    const s = resolveSettings(
      {
        rules: { 'ad-line': false },
        customPatterns: [
          { pattern: '^Photo:', flags: '' },
          { pattern: '([', flags: '' },
        ],
      },
      undefined,
    );
    const ids = rulesInForce(s, undefined, limits, problems).map((r) => r.id);
    expect(ids).toEqual([...LINE_RULES.map((r) => r.id).filter((id) => id !== 'ad-line'), 'custom-pattern']);
    expect(problems.map((p) => p.code)).toEqual(['custom-pattern-invalid']);
  });
  test('the source’s learned lines join last, only when there are some and the rule is on', () => {
    const memory = { lines: [sourceLineKey('Subscribe to the Harbor Weekly newsletter')] };
    const on = rulesInForce(resolveSettings({}, undefined), memory, limits, []);
    expect(on[on.length - 1].id).toBe('source-boilerplate');
    const learned = on[on.length - 1];
    const line = 'Subscribe to the Harbor Weekly newsletter';
    expect(learned.match({ index: 0, raw: line, plain: line, inTop: false, glued: false, isHeading: false }, { title: '' })).not.toBeNull();
    expect(rulesInForce(resolveSettings({}, undefined), { lines: [] }, limits, []).map((r) => r.id)).not.toContain('source-boilerplate');
    const off = resolveSettings({ rules: { 'source-boilerplate': false } }, undefined);
    expect(rulesInForce(off, memory, limits, []).map((r) => r.id)).not.toContain('source-boilerplate');
  });
});
