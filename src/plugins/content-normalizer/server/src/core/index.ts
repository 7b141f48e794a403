/** Public entry of the content-normalizer cleaning engine (pure TypeScript, no Strapi). */
export { cleanDocument } from './clean';
export { normalizeTag, normalizeTags } from './tags';
export { listRules } from './rules';
export { sanitizeMarkdown } from './sanitize-markdown';
export { applyKeptLines, restoreKeptLines } from './kept-lines';
export { excerptOf } from './excerpt';
export { countWords } from './text';
export { sourceLineKey } from './source-memory';
// linkedom speed-ups: installed explicitly by whoever runs the engine on HTML (the workers, the scripts).
export { installLazyEvents as installLinkedomSpeedups } from './linkedom-lazy-events';
export type {
  CleanInput,
  TextInput,
  HtmlInput,
  CleanOptions,
  CleanResult,
  CustomPattern,
  RuleSettings,
  RemovedLine,
  Problem,
  NormalizedTag,
  RuleDefinition,
  SourceMemory,
} from './types';
