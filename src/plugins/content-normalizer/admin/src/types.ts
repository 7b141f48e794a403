/** Shapes of the plugin's admin API (server/src/controllers/{settings,article-report,tag-merge}.ts). */
// The engine's own types: type-only imports, erased from the admin bundle.
import type { CustomPattern, RuleDefinition, RemovedLine, Problem, CleanResult } from '../../server/src/core/types';

export type { CustomPattern, RuleDefinition, RemovedLine, Problem, CleanResult };

export interface RuleSettings {
  rules: Record<string, boolean>;
  customPatterns: CustomPattern[];
  sources: Record<string, { rules?: Record<string, boolean>; customPatterns?: CustomPattern[] }>;
}

export interface SettingsResponse {
  rules: RuleDefinition[];
  settings: RuleSettings;
  fromConfig: RuleSettings;
  sources: string[];
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

/** POST /content-normalizer/settings/impact (server/src/services/rule-impact.ts). */
export interface RuleImpact {
  total: number;
  scanned: number;
  wouldChange: number;
  documentIds: string[] | null;
  samples: Array<{ documentId: string; title: string; diff: { removed: string[]; restored: string[] } }>;
}

/** A background job (server/src/services/jobs.ts). */
export interface JobView {
  id: number;
  type: string;
  params: { reason?: string; all?: boolean; documentIds?: string[]; source?: string };
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null; changed: number; failed: number };
  attempts: number;
  error: string | null;
  problems: Array<{ documentId: string; message: string }>;
  leaseOwner: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}
