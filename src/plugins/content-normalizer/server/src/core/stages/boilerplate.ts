/**
 * Stage 4, boilerplate runs: the one document-level rule, `boilerplate-block` (rules/boilerplate-block.ts
 * decides which runs go). On text flattened from a web page (every text node on its own line) it removes runs of
 * menu-, link- and footer-like lines around the article, judged with their neighbours, which a line rule
 * cannot do. It only looks at the lines the line rules kept.
 */
import { boilerplateRuns, type BlockLine } from '../rules/boilerplate-block';
import type { Segments } from './segment';
import type { Classified } from './classify';

/** Headings, list items, quotes: structure the boilerplate rule leaves alone. */
const STRUCTURAL_RE = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>)/;

/**
 * Cheap gate first: only plain-text input (`fromHtml` false: the HTML path has had Readability) with the rule
 * on, at least 30 non-empty lines and fewer than 1 blank line per 10 (see boilerplate-block.ts).
 */
export function looksFlattened(lines: string[], fromHtml: boolean, enabled: boolean): boolean {
  const n = lines.length;
  let nonEmptyLines = 0;
  let blankLines = 0;
  if (!fromHtml && enabled && n >= 30) {
    for (let i = 0; i < n; i++) {
      if (lines[i].trim() === '') blankLines++;
      else nonEmptyLines++;
    }
  }
  return nonEmptyLines >= 30 && blankLines * 10 < nonEmptyLines;
}

/**
 * The kept non-blank lines as boilerplate-block reads them, the number of blank lines outside fences, and the
 * number of non-blank lines, kept or not.
 */
export function blockCandidates(seg: Segments, keep: readonly boolean[]): { candidates: BlockLine[]; blank: number; nonEmpty: number } {
  const { lines, inFence, views } = seg;
  const candidates: BlockLine[] = [];
  let blank = 0;
  let nonEmpty = 0;
  let sawBlank = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') {
      if (!inFence[i]) {
        blank++;
        sawBlank = true;
      }
      continue;
    }
    nonEmpty++;
    if (!keep[i]) continue;
    candidates.push({
      index: i,
      plain: views[i]?.plain ?? '',
      structural: inFence[i] || !views[i] || STRUCTURAL_RE.test(lines[i]),
      afterBlank: sawBlank,
    });
    sawBlank = false;
  }
  return { candidates, blank, nonEmpty };
}

/** Removes the runs in place (`keep`, and `removed` re-sorted by line), recorded with rule `boilerplate-block`. */
export function removeBoilerplateRuns(seg: Segments, classified: Classified, fromHtml: boolean, enabled: boolean): void {
  if (!looksFlattened(seg.lines, fromHtml, enabled)) return;
  const { keep, removed } = classified;
  const { candidates, blank, nonEmpty } = blockCandidates(seg, keep);
  const gone = boilerplateRuns(candidates, blank, nonEmpty);
  if (gone.length) {
    for (const i of gone) {
      keep[i] = false;
      removed.push({ line: i + 1, text: seg.lines[i].trim(), rule: 'boilerplate-block' });
    }
    removed.sort((a, b) => a.line - b.line);
  }
}
