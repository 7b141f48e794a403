/**
 * sanitizeMarkdown: makes a Markdown body safe to render with any common Markdown renderer.
 *
 * It works on the CommonMark syntax tree (mdast from mdast-util-from-markdown, i.e. micromark), not on lines:
 * a line-based sanitizer cannot see a destination on the next line, balanced parentheses, brackets inside
 * link text or a `javascript:` autolink, and every renderer then finds a link it missed. Here the parser
 * decides what is a link, an image, a definition or raw HTML, and the source is edited in place at the nodes'
 * offsets, so everything else stays byte-identical:
 * - a link to anything but http(s), mailto or a relative URL keeps only its text;
 * - an image from anything but http(s) or a relative URL keeps only its alt text;
 * - an unsafe reference definition is removed;
 * - raw HTML (blocks, inline tags, comments) is escaped and so shown as text.
 *
 * Other renderers do not parse exactly like micromark. Once the tree is clean, a guard escapes what a
 * looser parser could still read as an unsafe link or as a tag (see `guardEdits`), and a `<` glued to a
 * preceding word is written `&lt;` rather than `\<` (marked's GFM autolink literals swallow the backslash).
 *
 * A removal can create a new construct, so the result is parsed again until nothing changes; if that has
 * not happened after MAX_PASSES parses, a blunt escape of every bracket and `<` ends it (see `escapeAll`).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';

export interface SanitizeReport {
  /** Unsafe links turned into their text (including link syntax another renderer would have read). */
  links: number;
  /** Unsafe images turned into their alt text. */
  images: number;
  /** Unsafe reference definitions removed. */
  definitions: number;
  /** Raw HTML tags, comments and declarations escaped. */
  html: number;
}

/** Enough for any real body (one pass, sometimes two); nested hostile links need one pass per level. */
const MAX_PASSES = 8;

const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);
const IMAGE_SCHEMES = new Set(['http', 'https']);

/**
 * True when `url` may be a link (`link`) or an image source (`image`). The scheme is read the way a
 * browser's URL parser reads it: tabs and line breaks anywhere are dropped, leading and trailing C0 controls
 * and spaces are trimmed, ASCII letters are lower-cased. No scheme (`/a`, `a/b`, `#x`, `?q`, `//host/x`)
 * means relative, which is allowed. `url` must already be entity- and escape-decoded (mdast's `node.url` is).
 */
export function isSafeUrl(url: string, kind: 'link' | 'image'): boolean {
  if (typeof url !== 'string') return false;
  const u = url
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
  const m = /^([a-z][a-z0-9+.-]*):/.exec(u);
  return m === null || (kind === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES).has(m[1]);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface MdNode {
  type: string;
  url?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** What one parse found: the edits it asks for, and the regions the guard must not touch. */
interface Parsed {
  edits: Edit[];
  /** Code and autolinks: shown literally by every renderer, so a backslash there would show. Sorted, disjoint. */
  literal: Array<[number, number]>;
  /** The `<` opening a `<…>` destination: syntax, not a tag. */
  destinationOpeners: Set<number>;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The escape for the `<` at `i`, or null when it needs none. `\<` is the Markdown escape, but a token that
 * runs over non-space characters can swallow the backslash (marked reads `http://x\<b>` as a link to
 * `http://x\` followed by a live `<b>`), so a `<` glued to a preceding character becomes `&lt;`, which no
 * renderer turns back into markup. An escaped `\<` after a space is already fine.
 */
function ltEdit(src: string, i: number): Edit | null {
  let slashes = 0;
  while (i - slashes - 1 >= 0 && src.charCodeAt(i - slashes - 1) === 92 /* \ */) slashes++;
  const before = i - slashes - 1;
  const glued = before >= 0 && !isSpace(src.charAt(before));
  if (slashes % 2 === 0) return glued ? { start: i, end: i + 1, text: '&lt;' } : { start: i, end: i, text: '\\' };
  return glued ? { start: i - 1, end: i + 1, text: '&lt;' } : null;
}

/** A `<` followed by one of these can open a tag, closing tag, comment, declaration or processing instruction. */
const TAG_START = /[A-Za-z/!?]/;

function parse(src: string, report: SanitizeReport): Parsed {
  // Where each link or image label ends (after its `]`): mdast does not keep it, micromark's `label` token
  // (which starts where its link or image starts) does. Likewise the `<` of `<…>` destinations.
  const labelEnds = new Map<number, number>();
  const destinationOpeners = new Set<number>();
  const tree = fromMarkdown(src, {
    mdastExtensions: [
      {
        beforeEnter(token) {
          if (token.type === 'label') labelEnds.set(token.start.offset, token.end.offset);
          else if (token.type === 'resourceDestinationLiteralMarker' || token.type === 'definitionDestinationLiteralMarker') {
            if (src.charCodeAt(token.start.offset) === 60 /* < */) destinationOpeners.add(token.start.offset);
          }
        },
      },
    ],
  }) as unknown as MdNode;

  const edits: Edit[] = [];
  const literal: Array<[number, number]> = [];
  // Each node with whether its paragraph or heading has a `|` (a possible GFM table).
  const stack: Array<[MdNode, boolean]> = [[tree, false]];
  while (stack.length > 0) {
    const [node, parentPipe] = stack.pop() as [MdNode, boolean];
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    let inPipeBlock = parentPipe;
    if ((node.type === 'paragraph' || node.type === 'heading') && start !== undefined && end !== undefined) {
      inPipeBlock = src.slice(start, end).indexOf('|') !== -1;
    }
    if (start !== undefined && end !== undefined) {
      const autolink = node.type === 'link' && src.charCodeAt(start) === 60; /* < */
      if ((node.type === 'link' || node.type === 'image') && !isSafeUrl(node.url ?? '', node.type)) {
        if (node.type === 'link') report.links++;
        else report.images++;
        const labelEnd = labelEnds.get(start);
        if (autolink) {
          // `<javascript:x>` keeps the text between its angle brackets.
          edits.push({ start, end: start + 1, text: '' }, { start: end - 1, end, text: '' });
        } else if (labelEnd !== undefined) {
          // Keep the label's source (the words, and any markup in them, which is walked below): delete the
          // opening `[` or `![`, and everything from the closing `]` on.
          edits.push({ start, end: start + (node.type === 'image' ? 2 : 1), text: '' }, { start: labelEnd - 1, end, text: '' });
        } else {
          // Not expected (every link and image has a label); dropping the node is still safe.
          edits.push({ start, end, text: '' });
          continue;
        }
      } else if (node.type === 'definition' && !isSafeUrl(node.url ?? '', 'link')) {
        report.definitions++;
        edits.push({ start, end, text: '' });
        continue;
      } else if (node.type === 'html') {
        let escaped = false;
        for (let i = src.indexOf('<', start); i !== -1 && i < end; i = src.indexOf('<', i + 1)) {
          if (!TAG_START.test(src.charAt(i + 1))) continue;
          const e = ltEdit(src, i);
          // An already escaped `\<` (preceded by a space) is left alone: once this node is text, it is an escape.
          if (e) {
            edits.push(e);
            escaped = true;
          }
        }
        if (escaped) report.html++;
        continue;
      } else if (node.type === 'code' || autolink) {
        literal.push([start, end]);
        continue;
      } else if (node.type === 'inlineCode') {
        // A GFM table (marked, markdown-it) takes each line as a row and splits it at every `|` before it
        // pairs backticks, so in a block with a `|` a code span may not be one there; nor may one that spans
        // lines, if a renderer ends the block elsewhere. The guard checks those like text.
        if (!inPipeBlock && !/[\n\r]/.test(src.slice(start, end))) literal.push([start, end]);
        continue;
      }
    }
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], inPipeBlock]);
  }
  literal.sort((a, b) => a[0] - b[0]);
  return { edits, literal, destinationOpeners };
}

/** Named character references that decode to a character a URL scheme can be spelled with. */
const SCHEME_ENTITIES: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', period: '.', plus: '+' };

/**
 * Decodes what a renderer or the browser would decode in a destination: numeric references (with or without
 * `;`, as browsers accept in attributes), the named ones above, and backslash escapes of punctuation.
 */
function decodeForScheme(s: string): string {
  return s
    .replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));?/gi, (_m, hex: string | undefined, dec: string | undefined) => {
      const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    })
    .replace(/&([a-z]+);/gi, (m, name: string) => SCHEME_ENTITIES[name.toLowerCase()] ?? m)
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** How far past `](` or `]:` the guard reads a possible destination: more than any scheme, however spelled. */
const GUARD_WINDOW = 256;

/**
 * Runs on a tree with nothing left to remove, and escapes what a parser looser or different from micromark
 * could still turn into something unsafe, outside code and autolinks:
 * - a `]` followed by `(` or `:` and then an unsafe URL: another parser may accept the link or definition
 *   micromark rejected (marked has no limit on nested parentheses, micromark stops at 32; a GFM table cell
 *   ends at `|` even inside a code span);
 * - a `<` that could open a tag: followed by a letter, `/`, `!` or `?`, and either at the start of a line
 *   or followed by a `>` before the next blank line (so `a<b` and `3 < 4` stay as they are);
 * - `ftp://`, which marked's GFM autolink literals would link: its colon is escaped.
 * Each escape renders exactly as before in CommonMark.
 */
function guardEdits(src: string, parsed: Parsed, report: SanitizeReport): Edit[] {
  const edits: Edit[] = [];
  const { literal, destinationOpeners } = parsed;
  let li = 0;
  const inLiteral = (pos: number): boolean => {
    // Positions are visited in increasing order within one scan.
    while (li < literal.length && literal[li][1] <= pos) li++;
    return li < literal.length && literal[li][0] <= pos;
  };
  const escapedAt = (pos: number): boolean => {
    let slashes = 0;
    while (pos - slashes - 1 >= 0 && src.charCodeAt(pos - slashes - 1) === 92) slashes++;
    return slashes % 2 === 1;
  };

  // Unsafe destinations after `](` or `]:`.
  const closer = /\][ \t]*(?:\r?\n)?[ \t]*[(:]/g;
  for (let m = closer.exec(src); m !== null; m = closer.exec(src)) {
    const at = m.index;
    closer.lastIndex = at + 1;
    if (inLiteral(at) || escapedAt(at)) continue;
    const rest = src.slice(at + m[0].length, at + m[0].length + GUARD_WINDOW).replace(/^\s*<?/, '');
    if (isSafeUrl(decodeForScheme(rest), 'link')) continue;
    edits.push({ start: at, end: at, text: '\\' });
    report.links++;
  }

  // `<` that could open a tag: one forward scan. Candidates wait for a `>`; a blank line drops them.
  li = 0;
  let pending: number[] = [];
  let lineStart = true; // only indentation and container markers so far on this line
  let lineBlank = true;
  const take = (i: number): void => {
    const e = ltEdit(src, i);
    if (e) {
      edits.push(e);
      if (e.start === i) report.html++; // a live `<`, not one that was escaped already
    }
  };
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\n') {
      if (lineBlank) pending = [];
      lineStart = true;
      lineBlank = true;
      continue;
    }
    if (c === '>') {
      for (const p of pending) take(p);
      pending = [];
    } else if (c === '<' && TAG_START.test(src.charAt(i + 1)) && !inLiteral(i) && !destinationOpeners.has(i)) {
      if (lineStart) take(i);
      else pending.push(i);
    }
    if (!isSpace(c)) lineBlank = false;
    if (!/[ \t\r>*+\-0-9.)]/.test(c)) lineStart = false;
  }

  // GFM autolink literals other than http(s), www and e-mail.
  li = 0;
  const ftp = /ftp:\/\//gi;
  for (let m = ftp.exec(src); m !== null; m = ftp.exec(src)) {
    if (inLiteral(m.index)) continue;
    edits.push({ start: m.index + 3, end: m.index + 3, text: '\\' });
    report.links++;
  }
  return edits;
}

function applyEdits(src: string, edits: Edit[]): string {
  // Edits never overlap (an unwrapped node only loses its delimiters; the nodes inside its label are edited
  // separately), so one left-to-right copy applies them all, linear in the body.
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // defensive: never apply an overlapping edit
    parts.push(src.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(src.slice(at));
  return parts.join('');
}

/**
 * The blunt fallback: escape every `[`, `]` and `<` not escaped already, writing `<` as `&lt;`. Without an
 * unescaped `[` there is no link, image or definition, and without a `<` no autolink or HTML, in any
 * CommonMark-like renderer, whatever it makes of the rest; a second run finds nothing to change. It also
 * escapes inside code, where the backslash then shows: acceptable for a body that kept producing new
 * constructs for MAX_PASSES parses, which only hostile input does.
 */
function escapeAll(src: string): string {
  return src
    .replace(/(\\*)([[\]])/g, (m, slashes: string, ch: string) => (slashes.length % 2 === 1 ? m : slashes + '\\' + ch))
    .replace(/(\\*)</g, (_m, slashes: string) => slashes.slice(slashes.length % 2) + '&lt;')
    .replace(/(ftp):\/\//gi, '$1\\://');
}

/** Characters without which no pass can change anything (see the fast path below). */
const TRIGGER = /[[\]<]|ftp:\/\//i;

export function sanitizeMarkdown(markdown: string): { markdown: string; report: SanitizeReport } {
  const report: SanitizeReport = { links: 0, images: 0, definitions: 0, html: 0 };
  if (typeof markdown !== 'string') return { markdown: '', report };
  // Fast path, exact: every link, image, definition, autolink and HTML node needs a `[` or a `<`, and the
  // guard only ever edits at a `]`, a `<` or an `ftp://`.
  if (!TRIGGER.test(markdown)) return { markdown, report };
  let src = markdown;
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const parsed = parse(src, report);
      const edits = parsed.edits.length > 0 ? parsed.edits : guardEdits(src, parsed, report);
      if (edits.length === 0) return { markdown: src, report };
      src = applyEdits(src, edits);
    }
  } catch {
    // Not expected (micromark accepts any string); the blunt escape below is safe for anything.
  }
  return { markdown: escapeAll(src), report };
}
