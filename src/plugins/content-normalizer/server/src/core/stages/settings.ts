/**
 * Stage 0, settings: which rules are in force for this document. Per-source settings (options.sources[source])
 * win over the global ones (options.rules), which win over each rule's default. Custom patterns and the
 * source's learned boilerplate (rule `source-boilerplate`) join the rule list here.
 */
import type { CleanOptions, CustomPattern, Problem, SourceMemory } from '../types';
import type { LineRule } from '../rules/rule';
import { LINE_RULES } from '../rules';
import { compilePatterns, customPatternRule } from '../rules/custom-pattern';
import { sourceBoilerplateRule } from '../rules/source-boilerplate';
import type { SourceMemoryLimits } from '../source-memory';

export interface Settings {
  enabled: (id: string) => boolean;
  patterns: CustomPattern[];
}

export function resolveSettings(options: CleanOptions, source: string | undefined): Settings {
  const global = options.rules ?? {};
  const per =
    source && options.sources && Object.prototype.hasOwnProperty.call(options.sources, source) ? options.sources[source] : undefined;
  const local = per?.rules ?? {};
  const defaults = new Map(LINE_RULES.map((r) => [r.id, r.defaultEnabled]));
  return {
    enabled: (id) => {
      if (Object.prototype.hasOwnProperty.call(local, id)) return local[id] !== false;
      if (Object.prototype.hasOwnProperty.call(global, id)) return global[id] !== false;
      return defaults.get(id) ?? true;
    },
    patterns: [
      ...(Array.isArray(options.customPatterns) ? options.customPatterns : []),
      ...(Array.isArray(per?.customPatterns) ? per.customPatterns : []),
    ],
  };
}

/**
 * The line rules in force, in the order they are tried (first match removes the line): the enabled built-in
 * rules (rules/index.ts LINE_RULES), then custom patterns (invalid ones become problems), then the source's
 * learned lines.
 */
export function rulesInForce(
  settings: Settings,
  memory: SourceMemory | undefined,
  memoryLimits: SourceMemoryLimits,
  problems: Problem[],
): LineRule[] {
  const rules: LineRule[] = LINE_RULES.filter((r) => settings.enabled(r.id));
  if (settings.enabled('custom-pattern') && settings.patterns.length > 0) {
    const compiled = compilePatterns(settings.patterns, problems);
    if (compiled.length) rules.push(customPatternRule(compiled));
  }
  if (memory && settings.enabled('source-boilerplate') && Array.isArray(memory.lines) && memory.lines.length > 0) {
    rules.push(sourceBoilerplateRule(new Set(memory.lines), memoryLimits));
  }
  return rules;
}
