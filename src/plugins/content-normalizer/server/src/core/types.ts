/** Public types of the cleaning engine. Pure data: no Strapi, no DOM. */

export interface CleanInputBase {
  /** Known fields: when given they win over anything parsed from the document. */
  title?: string;
  authors?: string[];
  tags?: string[];
  publishedDate?: string;
  /** Source name, used to pick per-source rule settings (see CleanOptions.sources). */
  source?: string;
}

export interface TextInput extends CleanInputBase {
  /** Plain text or Markdown. */
  text: string;
  html?: undefined;
}

export interface HtmlInput extends CleanInputBase {
  /** A whole web page. */
  html: string;
  url?: string;
  text?: undefined;
}

export type CleanInput = TextInput | HtmlInput;

export interface CustomPattern {
  /** A regex source (when `flags` is set or written as /source/flags) or plain text matched at the start of a line. */
  pattern: string;
  flags?: string;
  /** Rule id recorded in `removed` (default "custom-pattern"). */
  rule?: string;
  description?: string;
}

export interface RuleSettings {
  rules?: { [ruleId: string]: boolean };
  customPatterns?: CustomPattern[];
}

export interface CleanOptions extends RuleSettings {
  /** Per-source overrides, merged over the global settings when input.source / options.source matches. */
  sources?: { [sourceName: string]: RuleSettings };
  source?: string;
  /** Reading speed used when no byline states a reading time. Default 200. */
  wordsPerMinute?: number;
  /**
   * What the document's source has learned (rule `source-boilerplate`): the keys of its boilerplate lines
   * (core/source-memory.ts sourceLineKey). When given, the result also lists the document's own counted lines
   * in `sourceLines`, for the shell to count.
   */
  sourceMemory?: SourceMemory;
}

export interface SourceMemory {
  lines: string[];
  /** Which lines are counted (defaults: core/source-memory.ts DEFAULT_SOURCE_MEMORY_LIMITS). */
  limits?: { minLength?: number; minWords?: number; maxLength?: number };
}

export interface RemovedLine {
  /** 1-based line number in the input text (for HTML: in the Markdown the page was converted to). */
  line: number;
  text: string;
  rule: string;
}

export interface Problem {
  code?: string;
  message: string;
  [extra: string]: unknown;
}

export interface NormalizedTag {
  name: string;
  slug: string;
}

export interface CleanResult {
  title: string;
  body: string;
  authors: string[];
  publishedDate: string | null;
  readingTimeMinutes: number;
  wordCount: number;
  language: string;
  tags: NormalizedTag[];
  removed: RemovedLine[];
  problems: Problem[];
  /**
   * Only when options.sourceMemory was given: the keys of this document's counted lines that stay in the body
   * or that the source's memory removed (lines other rules removed are not counted), sorted.
   */
  sourceLines?: Array<{ key: string; text: string }>;
}

export interface RuleDefinition {
  id: string;
  description: string;
  defaultEnabled: boolean;
}
