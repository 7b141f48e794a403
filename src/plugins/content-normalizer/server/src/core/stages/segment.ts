/**
 * Stage 2, segment: what each line is before any rule looks at it.
 * - fenced code (``` or ~~~ up to the matching close) is never examined by a rule and never removed;
 * - a raw <script>, <style>, <iframe> … block (rules/unsafe-html.ts unsafeBlockStart) is removed whole, up to
 *   its closing tag when that is within 500 lines: these lines get rule `unsafe-html` whatever they contain;
 * - every other non-empty line gets a LineView (rules/rule.ts): its plain text, whether it touches another
 *   line, whether it is a heading, and whether it lies in the "top" (before the first line of running prose),
 *   where titles, bylines and datelines are looked for.
 */
import type { LineRule, LineView, RuleContext } from '../rules/rule';
import { unsafeBlockStart } from '../rules/unsafe-html';
import { isProse, plainOf } from '../text';

export interface Segments {
  lines: string[];
  /** Inside a fenced code block (the fence lines included). */
  inFence: boolean[];
  /** The rule id that removes the line whatever it says (`unsafe-html`), or null. */
  forced: (string | null)[];
  /** What the line rules see; null for blank, fenced and forced lines. */
  views: (LineView | null)[];
  /** Index of the first line of running prose (lines.length when none): the top ends there. */
  firstProse: number;
}

const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;
/** How far an unsafe block may reach for its closing tag before only its first line is removed. */
const UNSAFE_BLOCK_REACH = 500;

/** Marks fenced code and raw unsafe blocks. With `unsafeHtml` false (rule off), no block is removed. */
export function markBlocks(lines: string[], unsafeHtml: boolean): { inFence: boolean[]; forced: (string | null)[] } {
  const n = lines.length;
  const forced: (string | null)[] = new Array(n).fill(null);
  const inFence: boolean[] = new Array(n).fill(false);
  let fence: string | null = null;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    const fm = FENCE_RE.exec(line);
    if (fence !== null) {
      inFence[i] = true;
      if (fm && fm[1][0] === fence[0] && fm[1].length >= fence.length) fence = null;
      continue;
    }
    if (fm) {
      fence = fm[1];
      inFence[i] = true;
      continue;
    }
    if (unsafeHtml && /^\s*</.test(line)) {
      const tag = unsafeBlockStart(line.trimStart().slice(0, 20));
      if (tag) {
        const end = unsafeBlockEnd(lines, i, tag);
        for (let j = i; j <= end; j++) forced[j] = 'unsafe-html';
        i = end;
      }
    }
  }
  return { inFence, forced };
}

/** The line closing the unsafe block opened on line `start`, or `start` when the close is not near. */
function unsafeBlockEnd(lines: string[], start: number, tag: string): number {
  const close = new RegExp(`</${tag}\\s*>`, 'i');
  if (close.test(lines[start])) return start;
  for (let j = start + 1; j < lines.length && j < start + UNSAFE_BLOCK_REACH; j++) {
    if (close.test(lines[j])) return j;
  }
  return start;
}

/** One LineView per line a rule may examine; every view starts in the top (markTop ends the top). */
export function lineViews(lines: string[], inFence: boolean[], forced: (string | null)[]): (LineView | null)[] {
  const n = lines.length;
  const views: (LineView | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (inFence[i] || forced[i] || lines[i].trim() === '') continue;
    const rawLine = lines[i];
    views[i] = {
      index: i,
      raw: rawLine,
      plain: plainOf(rawLine),
      inTop: true,
      glued: (i > 0 && lines[i - 1].trim() !== '') || (i + 1 < n && lines[i + 1].trim() !== ''),
      isHeading: /^\s{0,3}#{1,6}\s/.test(rawLine),
    };
  }
  return views;
}

/** The context rules see before the title is known (and when it must not matter). */
export const NO_TITLE: Readonly<RuleContext> = Object.freeze({ title: '' });

/**
 * Ends the top at the first prose line that no rule but `title` removes when judged outside the top (so a
 * re-cleaned article finds the same top), sets `inTop` false from there on, and returns that line's index.
 */
export function markTop(views: (LineView | null)[], rules: readonly LineRule[]): number {
  const n = views.length;
  let firstProse = n;
  for (let i = 0; i < n; i++) {
    const v = views[i];
    if (!v || !isProse(v.plain)) continue;
    const probe: LineView = { ...v, inTop: false };
    if (rules.some((r) => r.id !== 'title' && r.match(probe, NO_TITLE))) continue;
    firstProse = i;
    break;
  }
  for (let i = firstProse; i < n; i++) {
    const v = views[i];
    if (v) v.inTop = false;
  }
  return firstProse;
}

/** The whole stage: blocks, views, the top. */
export function segment(lines: string[], rules: readonly LineRule[], unsafeHtml: boolean): Segments {
  const { inFence, forced } = markBlocks(lines, unsafeHtml);
  const views = lineViews(lines, inFence, forced);
  const firstProse = markTop(views, rules);
  return { lines, inFence, forced, views, firstProse };
}
