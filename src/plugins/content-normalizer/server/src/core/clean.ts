/**
 * cleanDocument: raw text/Markdown or a whole HTML page in, a clean article out, with every removed line
 * accounted for in `removed`. Line-by-line, linear in input size.
 */
import type { CleanInput, CleanOptions, CleanResult, CustomPattern, Problem, RemovedLine } from './types';
import type { LineRule, LineView, RuleContext, RuleHit } from './rules/rule';
import { LINE_RULES } from './rules';
import { compilePatterns, customPatternRule } from './rules/custom-pattern';
import { looksLikeTitle } from './rules/title';
import { boilerplateRuns, type BlockLine } from './rules/boilerplate-block';
import { unsafeBlockStart } from './rules/unsafe-html';
import { sourceBoilerplateRule } from './rules/source-boilerplate';
import { countedLines, sourceMemoryLimits } from './source-memory';
import { sanitizeMarkdown } from './sanitize-markdown';
import { countWords, isAllCaps, isProse, isTitleCase, plainOf, sanitizeText, words } from './text';
import { normalizeTags } from './tags';
import { normalizeDate } from './dates';
import { detectLanguage } from './language';
import { htmlToMarkdown, type PageMeta } from './html';

const DEFAULT_WPM = 200;
/** Headings, list items, quotes: structure the boilerplate rule leaves alone. */
const STRUCTURAL_RE = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>)/;

interface Settings {
  enabled: (id: string) => boolean;
  patterns: CustomPattern[];
}

function resolveSettings(options: CleanOptions, source: string | undefined): Settings {
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

function cleanString(v: unknown, problems: Problem[]): string {
  return typeof v === 'string' ? sanitizeText(v, problems).replace(/\s+/g, ' ').trim() : '';
}

/** A single-line block that reads as a section heading: short, title-cased or all caps, no sentence end. */
function isBodyHeading(line: string): boolean {
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

export function cleanDocument(input: CleanInput, options?: CleanOptions): CleanResult {
  try {
    return cleanInner(input, options ?? {});
  } catch (e) {
    // Last resort so callers can rely on "never throws": keep the text, report the failure.
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
}

function cleanInner(input: CleanInput, options: CleanOptions): CleanResult {
  const problems: Problem[] = [];
  const inp = (input && typeof input === 'object' ? input : { text: String(input ?? '') }) as CleanInput;
  const source = typeof inp.source === 'string' ? inp.source : typeof options.source === 'string' ? options.source : undefined;
  const settings = resolveSettings(options, source);

  let raw: string;
  let meta: PageMeta | null = null;
  if (typeof inp.html === 'string') {
    const page = htmlToMarkdown(sanitizeText(inp.html, problems), inp.url, problems);
    raw = page.markdown;
    meta = page.meta;
  } else {
    raw = typeof inp.text === 'string' ? inp.text : '';
  }
  const text = sanitizeText(raw, problems);
  const lines = text.split('\n');
  const n = lines.length;

  // Rules in force for this document.
  const rules: LineRule[] = LINE_RULES.filter((r) => settings.enabled(r.id));
  if (settings.enabled('custom-pattern') && settings.patterns.length > 0) {
    const compiled = compilePatterns(settings.patterns, problems);
    if (compiled.length) rules.push(customPatternRule(compiled));
  }
  const memory = options.sourceMemory;
  const memoryLimits = sourceMemoryLimits(memory?.limits);
  if (memory && settings.enabled('source-boilerplate') && Array.isArray(memory.lines) && memory.lines.length > 0) {
    rules.push(sourceBoilerplateRule(new Set(memory.lines), memoryLimits));
  }
  const titleOn = settings.enabled('title');

  // Pass 1: per-line views, fenced code, raw script/style blocks.
  const views: (LineView | null)[] = new Array(n).fill(null);
  const forced: (string | null)[] = new Array(n).fill(null); // rule id removing the line regardless of content
  const inFence: boolean[] = new Array(n).fill(false);
  let fence: string | null = null;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    const fm = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
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
    if (settings.enabled('unsafe-html') && /^\s*</.test(line)) {
      const tag = unsafeBlockStart(line.trimStart().slice(0, 20));
      if (tag) {
        const close = new RegExp(`</${tag}\\s*>`, 'i');
        let end = i;
        if (!close.test(line)) {
          // Only swallow following lines when the closing tag is reasonably near.
          for (let j = i + 1; j < n && j < i + 500; j++) {
            if (close.test(lines[j])) {
              end = j;
              break;
            }
          }
        }
        for (let j = i; j <= end; j++) forced[j] = 'unsafe-html';
        i = end;
        continue;
      }
    }
  }
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

  // The "top" ends at the first prose line that no context-free rule removes (so it is stable on re-cleaning).
  const ctxNoTitle: RuleContext = { title: '' };
  let firstProse = n;
  for (let i = 0; i < n; i++) {
    const v = views[i];
    if (!v || !isProse(v.plain)) continue;
    const probe: LineView = { ...v, inTop: false };
    if (rules.some((r) => r.id !== 'title' && r.match(probe, ctxNoTitle))) continue;
    firstProse = i;
    break;
  }
  for (let i = firstProse; i < n; i++) {
    const v = views[i];
    if (v) v.inTop = false;
  }

  // Title: known, then page metadata, then the first heading-like line near the top.
  let title = cleanString(inp.title, problems) || (meta?.title ? cleanString(meta.title, problems) : '');
  if (!title) {
    for (let i = 0; i < firstProse; i++) {
      const v = views[i];
      if (!v) continue;
      if (rules.some((r) => r.id !== 'title' && r.match(v, ctxNoTitle))) continue;
      if (looksLikeTitle(v.plain)) title = v.plain;
      break;
    }
    if (!title && !titleOn) {
      /* no title rule: nothing more to try */
    }
    if (!title) problems.push({ code: 'no-title', message: 'No title given and no heading-like line found near the top.' });
  }

  // Pass 2: apply rules.
  const ctx: RuleContext = { title };
  const removed: RemovedLine[] = [];
  const keep: boolean[] = new Array(n).fill(true);
  const authors: string[] = [];
  let date: string | null = null;
  let dateIsUpdate = false;
  let readingTime: number | undefined;
  const rawTags: string[] = [];
  for (let i = 0; i < n; i++) {
    if (forced[i]) {
      keep[i] = false;
      if (lines[i].trim() !== '') removed.push({ line: i + 1, text: lines[i].trim(), rule: forced[i] as string });
      continue;
    }
    const v = views[i];
    if (!v) continue;
    let hit: RuleHit | null = null;
    let ruleId = '';
    for (const r of rules) {
      hit = r.match(v, ctx);
      if (hit) {
        ruleId = hit.rule ?? r.id;
        break;
      }
    }
    if (!hit) continue;
    keep[i] = false;
    removed.push({ line: i + 1, text: v.raw.trim(), rule: ruleId });
    if (hit.authors) for (const a of hit.authors) if (!authors.includes(a)) authors.push(a);
    if (hit.date && (date === null || (dateIsUpdate && !hit.dateIsUpdate))) {
      date = hit.date;
      dateIsUpdate = hit.dateIsUpdate === true;
    }
    if (hit.readingTime !== undefined && readingTime === undefined && hit.readingTime > 0) readingTime = hit.readingTime;
    if (hit.tags) rawTags.push(...hit.tags);
  }

  // Document-level: runs of menu/footer lines on text flattened from a web page.
  // Cheap gate first: the rule only acts on long texts with almost no blank lines (see boilerplate-block.ts).
  let nonEmptyLines = 0;
  let blankLines = 0;
  if (meta === null && settings.enabled('boilerplate-block') && n >= 30) {
    for (let i = 0; i < n; i++) {
      if (lines[i].trim() === '') blankLines++;
      else nonEmptyLines++;
    }
  }
  if (nonEmptyLines >= 30 && blankLines * 10 < nonEmptyLines) {
    const candidates: BlockLine[] = [];
    let blank = 0;
    let sawBlank = false;
    for (let i = 0; i < n; i++) {
      if (lines[i].trim() === '') {
        if (!inFence[i]) {
          blank++;
          sawBlank = true;
        }
        continue;
      }
      if (!keep[i]) continue;
      candidates.push({
        index: i,
        plain: views[i]?.plain ?? '',
        structural: inFence[i] || !views[i] || STRUCTURAL_RE.test(lines[i]),
        afterBlank: sawBlank,
      });
      sawBlank = false;
    }
    const gone = boilerplateRuns(candidates, blank);
    if (gone.length) {
      for (const i of gone) {
        keep[i] = false;
        removed.push({ line: i + 1, text: lines[i].trim(), rule: 'boilerplate-block' });
      }
      removed.sort((a, b) => a.line - b.line);
    }
  }

  // Body: kept lines, blank-line structure preserved, made safe; lone title-like lines become headings.
  const blocks: { lines: string[]; fenced: boolean }[] = [];
  let cur: { lines: string[]; fenced: boolean } | null = null;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    if (!inFence[i] && line.trim() === '') {
      cur = null;
      continue;
    }
    if (!keep[i]) continue;
    const out = line.trimEnd();
    if (!cur) {
      cur = { lines: [], fenced: false };
      blocks.push(cur);
    }
    if (inFence[i]) cur.fenced = true;
    cur.lines.push(out);
  }
  for (let b = 0; b < blocks.length - 1; b++) {
    const blk = blocks[b];
    if (!blk.fenced && blk.lines.length === 1 && isBodyHeading(blk.lines[0])) blk.lines[0] = '## ' + blk.lines[0].trim();
  }
  // Sanitize stage: the Markdown as a CommonMark tree; links, images and definitions to anything but http(s),
  // mailto or relative URLs lose their destination, raw HTML becomes text (sanitize-markdown.ts).
  const sanitized = sanitizeMarkdown(blocks.map((b) => b.lines.join('\n')).join('\n\n'));
  const body = sanitized.markdown;
  const { links, images, definitions, html } = sanitized.report;
  if (links + images + definitions + html > 0) {
    problems.push({
      code: 'html-escaped',
      message: `Made the body safe to render: ${links} link(s), ${images} image(s) and ${definitions} reference definition(s) to unsafe URLs defused, ${html} raw HTML tag(s) escaped.`,
      count: links + images + definitions + html,
    });
  }

  // Fields: known values win, then what the text said, then page metadata.
  const knownAuthors = Array.isArray(inp.authors) ? inp.authors.map((a) => cleanString(a, problems)).filter((a) => a) : [];
  const finalAuthors = knownAuthors.length ? knownAuthors : authors.length ? authors : (meta?.authors ?? []);

  let publishedDate: string | null = null;
  if (typeof inp.publishedDate === 'string' && inp.publishedDate.trim()) {
    publishedDate = normalizeDate(inp.publishedDate);
    if (!publishedDate)
      problems.push({
        code: 'bad-date',
        message: `Ignored known publishedDate ${JSON.stringify(inp.publishedDate.slice(0, 40))}: not a date.`,
      });
  }
  if (!publishedDate) publishedDate = meta?.date ?? date ?? meta?.weakDate ?? null;

  const tagSource = Array.isArray(inp.tags) && inp.tags.length ? inp.tags : [...rawTags, ...(meta?.tags ?? [])];
  const { tags, problems: tagProblems } = normalizeTags(tagSource.map((t) => (typeof t === 'string' ? sanitizeText(t, problems) : '')));
  problems.push(...tagProblems);

  const wordCount = countWords(body);
  const wpm =
    typeof options.wordsPerMinute === 'number' && options.wordsPerMinute > 0 && Number.isFinite(options.wordsPerMinute)
      ? options.wordsPerMinute
      : DEFAULT_WPM;
  const readingTimeMinutes = readingTime ?? (wordCount > 0 ? Math.max(1, Math.ceil(wordCount / wpm)) : 0);
  const language = meta?.lang && /^[a-z]{2}$/.test(meta.lang) ? meta.lang : detectLanguage(body);

  const result: CleanResult = {
    title,
    body,
    authors: finalAuthors,
    publishedDate,
    readingTimeMinutes,
    wordCount,
    language,
    tags,
    removed,
    problems,
  };
  if (memory) {
    const learnedHere = new Set(removed.filter((r) => r.rule === 'source-boilerplate').map((r) => r.line - 1));
    result.sourceLines = countedLines(lines, (i) => !inFence[i] && (keep[i] || learnedHere.has(i)), memoryLimits);
  }
  return result;
}
