/**
 * Rule `custom-pattern`: editors' own patterns, given in options (globally or per source), without a code change.
 *
 * Examples of patterns:
 * - `{ pattern: 'Sign up for The Harbor Brief' }` -> plain text: removes lines starting with it (any case)
 * - `{ pattern: '^Photo: .*$', flags: 'i' }`      -> a regular expression tested against the trimmed line
 * - `{ pattern: '/^Listen \\(\\d+ min\\)$/i', rule: 'audio-prompt' }` -> /source/flags form, custom rule id in `removed`
 * A pattern that does not compile, or that nests quantifiers like `(a+)+` (catastrophic backtracking), is
 * skipped and reported in `problems`. Lines are tested on at most MAX_EXAMINED characters.
 */
import type { CustomPattern, Problem } from '../types';
import type { LineRule, RuleHit } from './rule';

export interface CompiledPattern {
  test: (plain: string) => boolean;
  rule: string;
}

// A group containing a quantifier, itself quantified: the classic exponential shape.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})/;

export function compilePatterns(list: readonly CustomPattern[] | undefined, problems: Problem[]): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    if (!p || typeof p.pattern !== 'string' || p.pattern.trim() === '') {
      problems.push({ code: 'custom-pattern-invalid', message: 'Skipped an empty custom pattern.' });
      continue;
    }
    const rule = typeof p.rule === 'string' && p.rule.trim() ? p.rule.trim() : 'custom-pattern';
    const slashed = /^\/(.+)\/([a-z]*)$/s.exec(p.pattern);
    const isRegex = slashed !== null || typeof p.flags === 'string';
    if (!isRegex) {
      const needle = p.pattern.replace(/\s+/g, ' ').trim().toLowerCase();
      out.push({ rule, test: (plain) => plain.toLowerCase().startsWith(needle) });
      continue;
    }
    const source = slashed ? slashed[1] : p.pattern;
    // The g and y flags make RegExp.test stateful; drop them so results stay deterministic.
    const flags = (slashed ? slashed[2] : (p.flags ?? '')).replace(/[gy]/g, '');
    if (NESTED_QUANTIFIER.test(source)) {
      problems.push({
        code: 'custom-pattern-unsafe',
        message: `Skipped custom pattern ${JSON.stringify(p.pattern)}: nested quantifiers can backtrack catastrophically.`,
        pattern: p.pattern,
      });
      continue;
    }
    try {
      const re = new RegExp(source, flags);
      out.push({ rule, test: (plain) => re.test(plain) });
    } catch (e) {
      problems.push({
        code: 'custom-pattern-invalid',
        message: `Skipped custom pattern ${JSON.stringify(p.pattern)}: ${(e as Error).message}`,
        pattern: p.pattern,
      });
    }
  }
  return out;
}

/** Builds the rule for one document's compiled patterns. */
export function customPatternRule(patterns: CompiledPattern[]): LineRule {
  return {
    ...customPatternDefinition,
    match(line): RuleHit | null {
      for (const p of patterns) if (p.test(line.plain)) return { rule: p.rule };
      return null;
    },
  };
}

export const customPatternDefinition = {
  id: 'custom-pattern',
  description: 'Removes lines matching editor-supplied patterns (plain text prefix or regular expression), globally or per source.',
  defaultEnabled: true,
};
