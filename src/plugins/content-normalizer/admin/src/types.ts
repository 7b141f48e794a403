/** Shapes of the plugin's admin API (server/src/controllers/{settings,article-report,tag-merge}.ts). */

export interface CustomPattern {
  pattern: string;
  flags?: string;
  rule?: string;
  description?: string;
}

export interface RuleSettings {
  rules: Record<string, boolean>;
  customPatterns: CustomPattern[];
  sources: Record<string, { rules?: Record<string, boolean>; customPatterns?: CustomPattern[] }>;
}

export interface RuleDefinition {
  id: string;
  description: string;
  defaultEnabled: boolean;
}

export interface SettingsResponse {
  rules: RuleDefinition[];
  settings: RuleSettings;
  fromConfig: RuleSettings;
  sources: string[];
}

export interface RemovedLine {
  line: number;
  text: string;
  rule: string;
}

export interface Problem {
  code?: string;
  message: string;
}

export interface CleanResult {
  title: string;
  body: string;
  authors: string[];
  publishedDate: string | null;
  readingTimeMinutes: number;
  wordCount: number;
  language: string;
  tags: { name: string; slug: string }[];
  removed: RemovedLine[];
  problems: Problem[];
}

export interface Example {
  name: string;
  format: 'text' | 'html';
  content: string;
}

export interface CleaningReport {
  removed: RemovedLine[];
  problems: Problem[];
  kept?: string[];
  cleanedAt?: string;
  via?: string;
}

export interface ArticleReportView {
  documentId: string;
  report: CleaningReport | null;
  hasRawText: boolean;
}

export interface TagWithCount {
  documentId: string;
  name: string;
  slug: string;
  articles: number;
}

/** Strapi's error envelope, as useFetchClient's FetchError carries it. */
export interface ApiError {
  response?: { data?: { error?: { message?: string } } };
  message?: string;
}

export const errorMessage = (error: unknown): string => {
  const err = error as ApiError;
  return err?.response?.data?.error?.message ?? err?.message ?? String(error);
};
