/**
 * Rule `custom-pattern`: editors' own patterns, given in options (globally or per source), without a code change.
 *
 * Examples of patterns:
 * - `{ pattern: 'Sign up for The Harbor Brief' }` -> plain text: removes lines starting with it (any case)
 * - `{ pattern: '^Photo: .*$', flags: 'i' }`      -> a regular expression tested against the trimmed line
 * - `{ pattern: '/^Listen \\(\\d+ min\\)$/i', rule: 'audio-prompt' }` -> /source/flags form, custom rule id in `removed`
 *
 * Regular expressions run on RE2 (re2js, pure JavaScript): matching time is linear in the line's length
 * whatever the pattern, so no pattern an editor pastes can hang the server, as `/^((\w+\s?))*$/` hangs a
 * backtracking engine on an ordinary sentence. The price is RE2's syntax: no backreferences and no lookaround.
 * A pattern RE2 cannot compile is skipped and reported in `problems` (and refused when settings are saved).
 * Lines are tested on at most MAX_EXAMINED characters.
 */
import { RE2JS } from 're2js';
import type { CustomPattern, Problem } from '../types';
import type { LineRule, RuleHit } from './rule';

export interface CompiledPattern {
  test: (plain: string) => boolean;
  rule: string;
}

/** JavaScript flags and their RE2 equivalents. `u` and `d` change nothing here (RE2 is Unicode-aware; no indices are used). */
const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
  d: 0,
  // `g` and `y` make a JavaScript RegExp stateful; a line test has no use for them.
  g: 0,
  y: 0,
};

/** Compiles one regular expression (JavaScript syntax) on RE2, or says in plain words why it cannot. */
export function compileRegex(source: string, flags: string): { test: (line: string) => boolean } | { error: string } {
  let bits = 0;
  for (const flag of flags) {
    if (!(flag in FLAG_BITS)) return { error: `the flag "${flag}" is not supported (use i, m, s or u)` };
    bits |= FLAG_BITS[flag];
  }
  try {
    const re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
    return { test: (line: string) => re.test(line) };
  } catch (e) {
    const message = (e as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /\\[1-9]|\\k<|\(\?<?[=!]/.test(source)
      ? ' (backreferences and lookahead/lookbehind are not supported: patterns run on a linear-time engine)'
      : '';
    return { error: `${message}${hint}` };
  }
}

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
    const compiled = compileRegex(slashed ? slashed[1] : p.pattern, slashed ? slashed[2] : (p.flags ?? ''));
    if ('error' in compiled) {
      problems.push({
        code: 'custom-pattern-invalid',
        message: `Skipped custom pattern ${JSON.stringify(p.pattern)}: ${compiled.error}`,
        pattern: p.pattern,
      });
      continue;
    }
    out.push({ rule, test: compiled.test });
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
  description:
    'Removes lines matching editor-supplied patterns (plain text prefix, or a regular expression run on RE2: no backreferences or lookaround), globally or per source.',
  defaultEnabled: true,
};
