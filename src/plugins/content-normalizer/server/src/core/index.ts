/** Public entry of the content-normalizer cleaning engine (pure TypeScript, no Strapi). */
export { cleanDocument } from './clean';
export { normalizeTag, normalizeTags } from './tags';
export { listRules } from './rules';
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
} from './types';
