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
 * browser's URL parser reads it: leading C0 controls and spaces are skipped (trailing ones cannot matter),
 * tabs and line breaks anywhere are ignored, ASCII letters are lower-cased, and a scheme is
 * `[a-z][a-z0-9+.-]*` followed by `:`. No scheme (`/a`, `a/b`, `#x`, `?q`, `//host/x`, `1a:b`) means
 * relative, which is allowed. `url` must already be entity- and escape-decoded (mdast's `node.url` is).
 * Reads only as far as the scheme, so a huge URL costs nothing.
 */
export function isSafeUrl(url: string, kind: 'link' | 'image'): boolean {
  if (typeof url !== 'string') return false;
  let i = 0;
  while (i < url.length && url.charCodeAt(i) <= 0x20) i++;
  let scheme = '';
  for (; i < url.length; i++) {
    const c = url.charAt(i);
    if (c === '\t' || c === '\n' || c === '\r') continue;
    if (c === ':') break;
    if (scheme === '' ? !/[A-Za-z]/.test(c) : !/[A-Za-z0-9+.-]/.test(c)) return true;
    scheme += c.toLowerCase();
  }
  if (i >= url.length || scheme === '') return true;
  return (kind === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES).has(scheme);
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
  /**
   * Code and autolinks: shown literally by every renderer, so a backslash there would show. Sorted, disjoint.
   * The third value says the range is certainly literal everywhere (a code span, a fence at the start of a line
   * outside any list or quote); in the others, a tag that could run code is escaped anyway (dangerousTagAt).
   */
  literal: Array<[number, number, boolean]>;
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

/**
 * True when the `<` at `i` can start a tag or an autolink for some renderer: `<!`, `<?`, or `<` / `</` and a
 * name followed by a space, `/`, `>`, `:` or the end (so `a<b,` and `x<y.` cannot, `<b>`, `<img/src>` and
 * `<javascript:…>` can).
 */
function couldOpenTag(src: string, i: number): boolean {
  let j = i + 1;
  const c = src.charAt(j);
  if (c === '!' || c === '?') return true;
  if (c === '/') j++;
  if (!/[A-Za-z]/.test(src.charAt(j))) return false;
  while (j < src.length && /[A-Za-z0-9+.\-_]/.test(src.charAt(j))) j++;
  return j >= src.length || /[\s/>:]/.test(src.charAt(j));
}

/** Where the line holding `at` starts (renderers end lines at `\n`, `\r\n` and a lone `\r`). */
function lineStartOf(src: string, at: number): number {
  let i = at;
  while (i > 0 && src.charAt(i - 1) !== '\n' && src.charAt(i - 1) !== '\r') i--;
  return i;
}

/** True when the line before the one holding `at` is blank (container markers aside), or there is none. */
function afterBlankLine(src: string, at: number): boolean {
  const lineStart = lineStartOf(src, at);
  if (lineStart === 0) return true;
  const prevEnd = src.charAt(lineStart - 1) === '\n' && src.charAt(lineStart - 2) === '\r' ? lineStart - 2 : lineStart - 1;
  return /^[ \t>]*$/.test(src.slice(lineStartOf(src, prevEnd), prevEnd));
}

/** A line whose indentation and container markers include a tab. */
const TABBED_PREFIX = /^[ >*+\-0-9.)]*\t/m;

/** True when the first or last line of `[start, end)` has a tab among its indentation and container markers. */
function tabIndented(src: string, start: number, end: number): boolean {
  const first = src.slice(lineStartOf(src, start), end);
  const last = src.slice(lineStartOf(src, end), end);
  return /^[ >*+\-0-9.)]*\t/.test(first) || /^[ >*+\-0-9.)]*\t/.test(last);
}

/** How far back `afterUrlWord` looks for the start of a word; a longer word counts as one with a URL. */
const WORD_WINDOW = 2048;

/** True when the non-space run just before `at` may hold a GFM autolink literal. */
function afterUrlWord(src: string, at: number): boolean {
  let i = at;
  while (i > 0 && at - i < WORD_WINDOW && !isSpace(src.charAt(i - 1))) i--;
  if (at - i >= WORD_WINDOW) return true;
  const word = src.slice(i, at).toLowerCase();
  return word.indexOf('://') !== -1 || word.indexOf('www.') !== -1;
}

/** A line a GFM renderer may take for a table's delimiter row (`|---|:-:|`, or marked's looser `:--`, `|-`). */
const DELIMITER_ROW = /^[ \t>]*[-|:][-|: \t]*$/;
const isDelimiterRow = (line: string): boolean => DELIMITER_ROW.test(line) && /[|:]/.test(line) && line.indexOf('-') !== -1;

/**
 * True when a GFM renderer may read this paragraph or heading as a table that ends elsewhere than micromark's
 * block: a setext heading (its underline is a table row or a list item there), or a line after the delimiter
 * row with no `|`, indented, or starting like another block (a list, quote, fence, HTML…), which ends the
 * table there but not micromark's paragraph. A plain table (rows with pipes, then a blank line) is not.
 */
function divergentTable(block: string, heading: boolean): boolean {
  const lines = block.split(/\r\n?|\n/);
  const delimiter = lines.findIndex(isDelimiterRow);
  if (delimiter === -1) return false;
  if (heading) return true;
  for (let i = delimiter + 1; i < lines.length; i++) {
    const line = lines[i].replace(/^[ \t]{0,3}(?:>[ \t]?)*/, '');
    if (line.indexOf('|') === -1 || /^(?:[ \t]|[-+*#>`~<0-9])/.test(line)) return true;
  }
  return false;
}

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
  const literal: Array<[number, number, boolean]> = [];
  // Past a table that a GFM renderer may end elsewhere than micromark, the two may see different blocks
  // (a list where micromark saw a setext heading, that list swallowing later indented lines…): no code
  // after it is trusted to be code there.
  let divergedAt = Infinity;
  const tabbedBody = TABBED_PREFIX.test(src);
  // Nodes in document order, each with whether its paragraph or heading has a `|` (a possible GFM table row)
  // and whether it is inside a list item or block quote.
  const stack: Array<[MdNode, boolean, boolean]> = [[tree, false, false]];
  while (stack.length > 0) {
    const [node, parentPipe, inContainer] = stack.pop() as [MdNode, boolean, boolean];
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    let inPipeBlock = parentPipe;
    if ((node.type === 'paragraph' || node.type === 'heading') && start !== undefined && end !== undefined) {
      const block = src.slice(start, end);
      inPipeBlock = block.indexOf('|') !== -1;
      if (start < divergedAt && (inPipeBlock || block.indexOf(':') !== -1) && divergentTable(block, node.type === 'heading')) {
        divergedAt = start;
      }
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
      } else if (autolink) {
        literal.push([start, end, true]);
        continue;
      } else if (node.type === 'code') {
        // Indented code right under another block may not be code where that block ends elsewhere, so it
        // must follow a blank line. Tabs among a line's indentation and container markers are read
        // differently (marked and markdown-it do not follow CommonMark's tab stops: ` > \t```` opens a
        // fence in a quote for micromark, indented code for marked; after `>\t`, markdown-it keeps an
        // indented line in the quote), and the containers they shape decide what is code. So in a body
        // with such a tab, only a fence at the start of a line, outside any list item or quote, with no
        // tab before its closing fence, is trusted: no container can take it in.
        const fenced = src.charAt(start) === '`' || src.charAt(start) === '~';
        const tabbed = tabbedBody && (inContainer || !fenced || lineStartOf(src, start) !== start || tabIndented(src, start, end));
        const trusted = start < divergedAt && (fenced || afterBlankLine(src, start)) && !tabbed;
        if (trusted) literal.push([start, end, fenced && !inContainer && lineStartOf(src, start) === start]);
        continue;
      } else if (node.type === 'inlineCode') {
        // A code span another renderer may pair differently is checked like text: in a block with a `|` (a
        // GFM table splits each line at every `|` before it pairs backticks), across lines (a renderer may
        // end the block elsewhere), or glued to a word with `://` or `www.` (marked's GFM autolink literal
        // runs to the next space or `<` and swallows the opening backtick).
        if (start < divergedAt && !inPipeBlock && !/[\n\r]/.test(src.slice(start, end)) && !afterUrlWord(src, start)) {
          literal.push([start, end, true]);
        }
        continue;
      }
    }
    const container = inContainer || node.type === 'listItem' || node.type === 'blockquote';
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], inPipeBlock, container]);
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
 * - a `<` that could open a tag or autolink (`couldOpenTag`), either at the start of a line or followed by
 *   a `>` before the next blank line (so `a<b`, `3 < 4` and `a<b, c>d` stay as they are);
 * - `ftp://`, which marked's GFM autolink literals would link: its colon is escaped.
 * Each escape renders exactly as before in CommonMark.
 */
/** Elements that run, load or restyle whatever they hold, and attributes that take a URL. */
const DANGEROUS_ELEMENTS =
  /^(?:script|iframe|object|embed|style|svg|math|form|base|meta|link|frame|frameset|template|noscript|applet|portal|xmp|plaintext)$/i;
const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|xlink:href|data|srcdoc|poster|background)\s*=\s*(["']?)([^"'\s>]*)/gi;

/**
 * A tag at `at` that would run code if a renderer took it for HTML: a dangerous element, an event handler, or
 * a URL attribute with an unsafe scheme. Code (for micromark) that holds one is escaped anyway: renderers
 * disagree on what is code at the edges (indentation after a quote or list, tabs), and a visible backslash in
 * such code is a small price. Looks at most GUARD_WINDOW characters ahead.
 */
function dangerousTagAt(src: string, at: number): boolean {
  const head = src.slice(at, at + GUARD_WINDOW);
  const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(head)?.[1];
  if (!name) return false;
  if (DANGEROUS_ELEMENTS.test(name)) return true;
  const end = head.indexOf('>');
  const tag = end === -1 ? head : head.slice(0, end);
  if (/[\s/"']on[a-z]+\s*=/i.test(tag)) return true;
  for (const m of tag.matchAll(URL_ATTRIBUTE)) if (!isSafeUrl(decodeForScheme(m[2]), 'link')) return true;
  return false;
}

function guardEdits(src: string, parsed: Parsed, report: SanitizeReport): Edit[] {
  const edits: Edit[] = [];
  const { literal, destinationOpeners } = parsed;
  let li = 0;
  /** 'certain' inside a range that is literal for every renderer, 'likely' inside another code range. */
  const inLiteral = (pos: number): 'certain' | 'likely' | null => {
    // Positions are visited in increasing order within one scan.
    while (li < literal.length && literal[li][1] <= pos) li++;
    if (li >= literal.length || literal[li][0] > pos) return null;
    return literal[li][2] ? 'certain' : 'likely';
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
    if (inLiteral(at) === 'certain' || escapedAt(at)) continue;
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
    if (c === '\n' || (c === '\r' && src.charAt(i + 1) !== '\n')) {
      if (lineBlank) pending = [];
      lineStart = true;
      lineBlank = true;
      continue;
    }
    if (c === '>') {
      for (const p of pending) take(p);
      pending = [];
    } else if (c === '<' && couldOpenTag(src, i) && !destinationOpeners.has(i)) {
      const where = inLiteral(i);
      if (where === null || (where === 'likely' && dangerousTagAt(src, i))) {
        if (lineStart) take(i);
        else pending.push(i);
      }
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

/**
 * micromark's cost grows with the square of container nesting (every line re-checks each open list item or
 * quote: 250 kB of lines nested 100 deep took over 10 s), which real articles never reach. Past these limits
 * the blunt escape is used instead of parsing. Depth of a line: its `>` and list markers, plus an open
 * container per 4 columns of indentation (a staircase of nested items); work: the sum of squared depths.
 */
const MAX_LINE_DEPTH = 40;
const MAX_DEPTH_WORK = 2_000_000;

function tooDeep(src: string): boolean {
  const prefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*/gm;
  let work = 0;
  for (let m = prefix.exec(src); m !== null; m = prefix.exec(src)) {
    const markers = m[0].replace(/[ \t]|[0-9]/g, '').length;
    const indent = m[0].replace(/\t/g, '    ').replace(/[^ ]/g, '').length;
    const depth = markers + (indent >> 2);
    work += depth * depth;
    if (depth > MAX_LINE_DEPTH || work > MAX_DEPTH_WORK) return true;
    if (m[0].length === 0) prefix.lastIndex++;
  }
  return false;
}

/** Characters without which no pass can change anything (see the fast path below). */
const TRIGGER = /[[\]<]|ftp:\/\//i;

/** Schemes a destination may have, link or image, for the second fast path (mailto is left to the parser). */
const PLAIN_SAFE_SCHEMES = new Set(['http', 'https']);

/**
 * True when the destination micromark would read after the `(` of `](` or the `:` of `]:` at `from` (if
 * there is a link, image or definition there at all) is certainly safe, judged from the raw text. micromark
 * lets spaces, tabs, one line ending and the next line's container prefixes (`>` and indentation) come first,
 * so all of those are skipped (`>` too, although only a prefix one is skippable for it: any other `>` would
 * start the destination and make it relative, hence safe). Then the scheme is read as `isSafeUrl` reads the
 * decoded URL; a `&` or `\` (a character reference or escape may decode to a scheme character), a control
 * character or space, an unusual scheme or a very long one gives up (false), and the parse decides.
 */
function plainDestinationSafe(src: string, from: number): boolean {
  let i = from;
  while (i < src.length && /[ \t\r\n>]/.test(src.charAt(i))) i++;
  let scheme = '';
  for (; i < src.length && scheme.length <= 16; i++) {
    const c = src.charAt(i);
    if (c === '&' || c === '\\' || src.charCodeAt(i) <= 0x20 || src.charCodeAt(i) === 0x7f) return false;
    if (c === ':') return scheme === '' || PLAIN_SAFE_SCHEMES.has(scheme);
    // The URL ends, or holds a character no scheme has, before any `:`: relative.
    if (scheme === '' ? !/[A-Za-z]/.test(c) : !/[A-Za-z0-9+.-]/.test(c)) return true;
    scheme += c.toLowerCase();
  }
  return i >= src.length;
}

/**
 * The second fast path, exact: true when no pass can change `src` although it has brackets. Without a `<`
 * there is no HTML node, autolink or `<…>` destination, and the guard's only possible edits are at `]`
 * (it never edits at a `<` or `ftp://`, absent too). Every unsafe link, image or definition micromark can
 * find has a destination right after a `](` or `]:` (a reference link takes its URL from a definition), so
 * when `plainDestinationSafe` holds at each of those the tree has nothing to remove; and when the guard's own
 * test (`guardEdits`, here at every `]` it matches, code or not) finds each destination safe, it escapes
 * nothing.
 */
export function unchangedWithoutParse(src: string): boolean {
  if (src.indexOf('<') !== -1 || /ftp:\/\//i.test(src)) return false;
  const closer = /\][ \t]*(?:\r?\n)?[ \t]*[(:]/g;
  for (let m = closer.exec(src); m !== null; m = closer.exec(src)) {
    const at = m.index;
    closer.lastIndex = at + 1;
    const next = src.charAt(at + 1);
    if ((next === '(' || next === ':') && !plainDestinationSafe(src, at + 2)) return false;
    const rest = src.slice(at + m[0].length, at + m[0].length + GUARD_WINDOW).replace(/^\s*<?/, '');
    if (!isSafeUrl(decodeForScheme(rest), 'link')) return false;
  }
  return true;
}

export function sanitizeMarkdown(markdown: string): { markdown: string; report: SanitizeReport } {
  const report: SanitizeReport = { links: 0, images: 0, definitions: 0, html: 0 };
  if (typeof markdown !== 'string') return { markdown: '', report };
  // Fast path, exact: every link, image, definition, autolink and HTML node needs a `[` or a `<`, and the
  // guard only ever edits at a `]`, a `<` or an `ftp://`.
  if (!TRIGGER.test(markdown)) return { markdown, report };
  if (tooDeep(markdown)) return { markdown: escapeAll(markdown), report };
  // Second fast path, exact (see unchangedWithoutParse): brackets, but only safe destinations and no `<`.
  if (unchangedWithoutParse(markdown)) return { markdown, report };
  return sanitizeByParse(markdown, report);
}

/** The sanitizer without the fast paths: what they must agree with (sanitize-markdown.test.ts checks it). */
export function sanitizeMarkdownByParse(markdown: string): { markdown: string; report: SanitizeReport } {
  const report: SanitizeReport = { links: 0, images: 0, definitions: 0, html: 0 };
  if (tooDeep(markdown)) return { markdown: escapeAll(markdown), report };
  return sanitizeByParse(markdown, report);
}

function sanitizeByParse(markdown: string, report: SanitizeReport): { markdown: string; report: SanitizeReport } {
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
