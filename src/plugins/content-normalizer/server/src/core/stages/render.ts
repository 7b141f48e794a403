/**
 * Stage 5, render: the body from the kept lines. Blank-line structure is kept (one blank line between blocks,
 * trailing spaces dropped); a lone short title-like line between blocks becomes a `## ` heading; then the
 * Markdown is made safe to render (sanitize-markdown.ts: links, images and definitions to anything but
 * http(s), mailto or relative URLs lose their destination, raw HTML becomes text), reported as `html-escaped`.
 * This stage removes no line.
 */
import type { Problem } from '../types';
import { sanitizeMarkdown } from '../sanitize-markdown';
import { isAllCaps, isTitleCase, words } from '../text';

export interface Block {
  lines: string[];
  /** Holds fenced code: never turned into a heading. */
  fenced: boolean;
}

/** A single-line block that reads as a section heading: short, title-cased or all caps, no sentence end. */
export function isBodyHeading(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || t.length > 80) return false;
  if (/^(?:[#>|*+-]|\d+[.)]\s|```|~~~|\\<|!\[|\[)/.test(t)) return false;
  const n = words(t).length;
  if (n > 12) return false;
  // A sentence break inside ("Done. Next") means prose; "U.S. Criminals" is fine.
  if (/[.,;:!"”’»)]$/.test(t) || /\p{Ll}{2,}[.!?]\s/u.test(t)) return false;
  if (!/^[\p{Lu}\p{N}¿¡]/u.test(t)) return false;
  return isTitleCase(t) || isAllCaps(t);
}

/** The kept lines grouped into blocks: a blank line outside fenced code ends a block. */
export function keptBlocks(lines: string[], inFence: readonly boolean[], keep: readonly boolean[]): Block[] {
  const blocks: Block[] = [];
  let cur: Block | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!inFence[i] && line.trim() === '') {
      cur = null;
      continue;
    }
    if (!keep[i]) continue;
    if (!cur) {
      cur = { lines: [], fenced: false };
      blocks.push(cur);
    }
    if (inFence[i]) cur.fenced = true;
    cur.lines.push(line.trimEnd());
  }
  return blocks;
}

/** Turns lone heading-like lines into `## ` headings, in place; never in the last block: a heading introduces what follows. */
export function promoteHeadings(blocks: Block[]): void {
  for (let b = 0; b < blocks.length - 1; b++) {
    const blk = blocks[b];
    if (!blk.fenced && blk.lines.length === 1 && isBodyHeading(blk.lines[0])) blk.lines[0] = '## ' + blk.lines[0].trim();
  }
}

/** The whole stage: the safe Markdown body. */
export function render(lines: string[], inFence: readonly boolean[], keep: readonly boolean[], problems: Problem[]): string {
  const blocks = keptBlocks(lines, inFence, keep);
  promoteHeadings(blocks);
  const sanitized = sanitizeMarkdown(blocks.map((b) => b.lines.join('\n')).join('\n\n'));
  const { links, images, definitions, html } = sanitized.report;
  if (links + images + definitions + html > 0) {
    problems.push({
      code: 'html-escaped',
      message: `Made the body safe to render: ${links} link(s), ${images} image(s) and ${definitions} reference definition(s) to unsafe URLs defused, ${html} raw HTML tag(s) escaped.`,
      count: links + images + definitions + html,
    });
  }
  return sanitized.markdown;
}
