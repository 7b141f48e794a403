import { micromark } from 'micromark';
import { Parser } from 'htmlparser2';

/**
 * The text a reader sees of a Markdown body: one line per block, no syntax, entities decoded. Search indexes
 * this (src/search). It lives in the engine so that the cleaning workers can render it with the clean body (an
 * import then spends no time of the main thread on it) and the app renders it the same way for every other write.
 */

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'tr',
  'td',
  'th',
]);

export function markdownToPlainText(markdown: string | null | undefined): string {
  const parts: string[] = [];
  const parser = new Parser(
    {
      ontext: (text) => parts.push(text),
      onopentag: (name) => {
        if (BLOCK.has(name)) parts.push('\n');
      },
      onclosetag: (name) => {
        if (BLOCK.has(name)) parts.push('\n');
      },
    },
    { decodeEntities: true },
  );
  // micromark escapes raw HTML, so the parser sees only the tags Markdown itself makes.
  parser.write(micromark(markdown ?? ''));
  parser.end();
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
