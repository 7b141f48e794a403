/**
 * Stage 3, classify: every line a rule may examine is tried against the rules in force, in order
 * (stages/settings.ts rulesInForce); the first rule that matches removes the line and is recorded in
 * `removed` as the line's rule (a custom pattern may name its own). Lines the segment stage forced out
 * (`unsafe-html` blocks) are recorded here too. What the removed lines said (authors, dates, reading time,
 * tags) is collected for the metadata stage.
 */
import type { RemovedLine } from '../types';
import type { LineRule, LineView, RuleContext, RuleHit } from '../rules/rule';
import type { Segments } from './segment';

/** What removed lines said about the document (rules/rule.ts RuleHit), first hit first. */
export interface Found {
  authors: string[];
  date: string | null;
  /** True while `date` comes from an "Updated" stamp: a later publication date replaces it. */
  dateIsUpdate: boolean;
  readingTime: number | undefined;
  tags: string[];
}

export interface Classified {
  /** False for every removed line; blank and fenced lines stay true. */
  keep: boolean[];
  /** In line order. */
  removed: RemovedLine[];
  found: Found;
}

/** The first rule matching the line, with the rule id to record; null when the line stays. */
export function firstHit(v: LineView, rules: readonly LineRule[], ctx: RuleContext): { hit: RuleHit; rule: string } | null {
  for (const r of rules) {
    const hit = r.match(v, ctx);
    if (hit) return { hit, rule: hit.rule ?? r.id };
  }
  return null;
}

function collect(found: Found, hit: RuleHit): void {
  if (hit.authors) for (const a of hit.authors) if (!found.authors.includes(a)) found.authors.push(a);
  if (hit.date && (found.date === null || (found.dateIsUpdate && !hit.dateIsUpdate))) {
    found.date = hit.date;
    found.dateIsUpdate = hit.dateIsUpdate === true;
  }
  if (hit.readingTime !== undefined && found.readingTime === undefined && hit.readingTime > 0) found.readingTime = hit.readingTime;
  if (hit.tags) found.tags.push(...hit.tags);
}

/** `title` is the title in force (stages/metadata.ts detectTitle): rule `title` removes lines repeating it. */
export function classify(seg: Segments, rules: readonly LineRule[], title: string): Classified {
  const { lines, forced, views } = seg;
  const n = lines.length;
  const ctx: RuleContext = { title };
  const removed: RemovedLine[] = [];
  const keep: boolean[] = new Array(n).fill(true);
  const found: Found = { authors: [], date: null, dateIsUpdate: false, readingTime: undefined, tags: [] };
  for (let i = 0; i < n; i++) {
    const forcedBy = forced[i];
    if (forcedBy) {
      keep[i] = false;
      if (lines[i].trim() !== '') removed.push({ line: i + 1, text: lines[i].trim(), rule: forcedBy });
      continue;
    }
    const v = views[i];
    if (!v) continue;
    const match = firstHit(v, rules, ctx);
    if (!match) continue;
    keep[i] = false;
    removed.push({ line: i + 1, text: v.raw.trim(), rule: match.rule });
    collect(found, match.hit);
  }
  return { keep, removed, found };
}
