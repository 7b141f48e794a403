/** The contract every line rule implements. */
import type { RuleDefinition } from '../types';

/** One input line as rules see it. */
export interface LineView {
  /** 0-based index in the input lines. */
  index: number;
  raw: string;
  /** Trimmed, Markdown decoration removed, capped at MAX_EXAMINED characters. */
  plain: string;
  /** True before the first line of running prose: where titles, bylines and datelines live. */
  inTop: boolean;
  /** True when the line touches another non-empty line (no blank line between). */
  glued: boolean;
  /** True for a Markdown ATX heading (`## …`). */
  isHeading: boolean;
}

export interface RuleContext {
  /** The title in force (known, from metadata, or detected); '' when none. */
  title: string;
}

/** What a rule found on a line; every hit removes the line from the body. */
export interface RuleHit {
  authors?: string[];
  date?: string | null;
  /** True when the date comes from an "Updated" stamp, so a publication date elsewhere should win. */
  dateIsUpdate?: boolean;
  readingTime?: number;
  tags?: string[];
  /** Overrides the rule id recorded in `removed` (custom patterns). */
  rule?: string;
}

export interface LineRule extends RuleDefinition {
  match(line: LineView, ctx: RuleContext): RuleHit | null;
}
