/** Registry of line rules, in the order they are tried on each line. */
import type { RuleDefinition } from '../types';
import type { LineRule } from './rule';
import { titleRule } from './title';
import { bylineRule } from './byline';
import { keywordLineRule } from './keyword-line';
import { copyrightFooterRule } from './copyright-footer';
import { adLineRule } from './ad-line';
import { promptLineRule } from './prompt-line';
import { scraperJunkRule } from './scraper-junk';
import { unsafeHtmlRule } from './unsafe-html';
import { customPatternDefinition } from './custom-pattern';
import { boilerplateBlockDefinition } from './boilerplate-block';
import { sourceBoilerplateDefinition } from './source-boilerplate';

/** Order matters: unsafe markup first, the title before bylines, keyword lines before the all-caps ad heuristic. */
export const LINE_RULES: readonly LineRule[] = [
  unsafeHtmlRule,
  titleRule,
  bylineRule,
  keywordLineRule,
  copyrightFooterRule,
  scraperJunkRule,
  adLineRule,
  promptLineRule,
];

export function listRules(): RuleDefinition[] {
  return [...LINE_RULES, customPatternDefinition, boilerplateBlockDefinition, sourceBoilerplateDefinition].map(
    ({ id, description, defaultEnabled }) => ({
      id,
      description,
      defaultEnabled,
    }),
  );
}
