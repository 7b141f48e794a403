/**
 * cleanDocument: raw text/Markdown or a whole HTML page in, a clean article out, with every removed line
 * accounted for in `removed`. Line-by-line, linear in input size. A pipeline of stages (core/stages/):
 *
 *   0. settings     which rules are in force: defaults, options.rules, options.sources[source], settings.ts
 *                   custom patterns, the lines the source learned
 *   1. decode       HTML page -> Markdown (Readability), then safe text split into lines     decode.ts
 *   2. segment      fenced code, raw unsafe blocks, a LineView per line, where the top ends  segment.ts
 *      title        known, page metadata, or the first title-like line of the top            metadata.ts
 *   3. classify     each line against the rules in order: the first match removes it         classify.ts
 *   4. boilerplate  document-level rule boilerplate-block, on flattened pages only           boilerplate.ts
 *   5. render       kept lines -> body, lone title-like lines -> headings, made safe         render.ts
 *   6. metadata     authors, date, tags, reading time, word count, language                  metadata.ts
 *
 * Why a line was removed: `removed[i].rule` names the rule (stages/classify.ts records the first rule that
 * matched), and the rule decides in its own file:
 * - `unsafe-html`: a raw <script>/<style>/… block is cut whole in stages/segment.ts (rules/unsafe-html.ts
 *   unsafeBlockStart says where one starts); a link definition to a javascript:/data: URL by rules/unsafe-html.ts;
 * - `boilerplate-block`: rules/boilerplate-block.ts (gate and candidates in stages/boilerplate.ts);
 * - `source-boilerplate`: rules/source-boilerplate.ts, with the keys the source learned (source-memory.ts);
 * - `custom-pattern` or a pattern's own id: rules/custom-pattern.ts, patterns from the options;
 * - any other id (title, byline, keyword-line, copyright-footer, scraper-junk, ad-line, prompt-line):
 *   rules/<id>.ts, tried in the order of rules/index.ts LINE_RULES.
 * What an HTML page loses before it becomes lines (navigation, comments, sidebars) is not in `removed`:
 * html.ts and html-prune.ts decide it. Fenced code is never removed. The render stage removes no line: it only
 * turns lone title-like lines into `## ` headings and defuses unsafe links and raw HTML (sanitize-markdown.ts).
 */
import type { CleanInput, CleanOptions, CleanResult, Problem } from './types';
import { countedLines, sourceMemoryLimits } from './source-memory';
import { sanitizeMarkdown } from './sanitize-markdown';
import { countWords, sanitizeText } from './text';
import { resolveSettings, rulesInForce } from './stages/settings';
import { decode, normalizeInput } from './stages/decode';
import { segment } from './stages/segment';
import { classify } from './stages/classify';
import { removeBoilerplateRuns } from './stages/boilerplate';
import { render } from './stages/render';
import { DEFAULT_WPM, detectTitle, documentFields } from './stages/metadata';

export function cleanDocument(input: CleanInput, options?: CleanOptions): CleanResult {
  try {
    return cleanInner(input, options ?? {});
  } catch (e) {
    return fallbackResult(input, e);
  }
}

function cleanInner(rawInput: CleanInput, options: CleanOptions): CleanResult {
  const problems: Problem[] = [];
  const { input, source } = normalizeInput(rawInput, options.source);
  const settings = resolveSettings(options, source);
  const { lines, meta } = decode(input, problems);

  const memory = options.sourceMemory;
  const memoryLimits = sourceMemoryLimits(memory?.limits);
  const rules = rulesInForce(settings, memory, memoryLimits, problems);

  const seg = segment(lines, rules, settings.enabled('unsafe-html'));
  const { inFence } = seg;
  // Before classification: rule `title` removes the lines that repeat the title.
  const title = detectTitle(input, meta, seg, rules, problems);
  const classified = classify(seg, rules, title);
  removeBoilerplateRuns(seg, classified, meta !== null, settings.enabled('boilerplate-block'));
  const { keep, removed } = classified;
  const body = render(lines, inFence, keep, problems);
  const fields = documentFields(input, meta, classified.found, body, options, problems);

  const result: CleanResult = {
    title,
    body,
    authors: fields.authors,
    publishedDate: fields.publishedDate,
    readingTimeMinutes: fields.readingTimeMinutes,
    wordCount: fields.wordCount,
    language: fields.language,
    tags: fields.tags,
    removed,
    problems,
  };
  // Per-source memory: the lines this document contributes to its source's counts (services/source-memory.ts).
  if (memory) {
    const learnedHere = new Set(removed.filter((r) => r.rule === 'source-boilerplate').map((r) => r.line - 1));
    result.sourceLines = countedLines(lines, (i) => !inFence[i] && (keep[i] || learnedHere.has(i)), memoryLimits);
  }
  return result;
}

/** Last resort so callers can rely on "never throws": keep the text, report the failure. */
function fallbackResult(input: CleanInput, e: unknown): CleanResult {
  const problems: Problem[] = [{ code: 'internal-error', message: `Cleaning failed: ${(e as Error)?.message ?? String(e)}` }];
  let text = '';
  try {
    const inp = input as unknown as { text?: unknown; html?: unknown } | null;
    text = sanitizeText(typeof inp?.text === 'string' ? inp.text : '', problems);
  } catch {
    text = '';
  }
  const body = sanitizeMarkdown(
    text
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  ).markdown;
  const wordCount = countWords(body);
  return {
    title: '',
    body,
    authors: [],
    publishedDate: null,
    readingTimeMinutes: wordCount ? Math.max(1, Math.ceil(wordCount / DEFAULT_WPM)) : 0,
    wordCount,
    language: 'und',
    tags: [],
    removed: [],
    problems,
  };
}
