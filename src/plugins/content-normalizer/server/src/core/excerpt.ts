/** The plain-text teaser stored beside each article for list views. Pure. */

const EXCERPT_LENGTH = 280;

/** The first prose paragraph, cut on a word boundary: a plain-text teaser for list views. */
export function excerptOf(body: string): string {
  const paragraph = body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .find((block) => block && !/^(#|[-*+] |\d+\. |>|```|!\[)/.test(block));
  if (!paragraph) return '';
  const plain = paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ');
  if (plain.length <= EXCERPT_LENGTH) return plain;
  const cut = plain.slice(0, EXCERPT_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_LENGTH - 40))}…`;
}
