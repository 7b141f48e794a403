/**
 * DOM → Markdown for the HTML import path: one linear walk over a (linkedom) subtree, writing lines as it
 * goes. Replaces turndown, whose output joining is quadratic on long articles (a 1 MB Wikipedia page spent
 * most of its time in `trimTrailingNewlines`).
 *
 * Safe by construction: only text, headings, lists, quotes, code, links and images are written; no attribute
 * is copied except a link's href or an image's src, and those only when `isSafeUrl` allows their scheme (http, https, mailto for links; http, https for images;
 * or relative).
 * Script-like elements (script, style, iframe, object, svg, form controls …) are skipped with their content.
 *
 * The walk recurses once per level of the DOM; on the HTML path that depth is bounded before parsing
 * (html-depth.ts: 256 levels, plus the few Readability adds). Its work is linear in the size of the tree: no
 * element's whole textContent is read at every level of nested inline elements (see `someText`).
 */
import { isSafeUrl } from './sanitize-markdown';

/** The few node members the walker touches (linkedom implements them; so does any DOM). */
export interface MdNode {
  nodeType: number;
  nodeName: string;
  firstChild: MdNode | null;
  lastChild: MdNode | null;
  nextSibling: MdNode | null;
  previousSibling: MdNode | null;
  parentNode: MdNode | null;
  textContent: string | null;
  getAttribute?(name: string): string | null;
}

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'IFRAME',
  'FRAME',
  'FRAMESET',
  'OBJECT',
  'EMBED',
  'APPLET',
  'NOSCRIPT',
  'TEMPLATE',
  'INPUT',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'SVG',
  'MATH',
  'CANVAS',
  'LINK',
  'META',
  'BASE',
  'HEAD',
  'TITLE',
  'VIDEO',
  'AUDIO',
  'SOURCE',
  'TRACK',
  'PICTURE',
  'MAP',
  'AREA',
  'OPTION',
  'DATALIST',
]);

// Elements that start and end a paragraph-like block (turndown's list, plus a few HTML5 ones).
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BODY',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIR',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'HEADER',
  'HGROUP',
  'HTML',
  'MAIN',
  'MENU',
  'NAV',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'CAPTION',
  'LEGEND',
]);

const ESCAPE_ANY = /[\\*_`[\]]/;
const ESCAPE_ALL = /[\\*_`[\]]/g;
const LINE_START = /^(?:[-+>=]|#{1,6} |\d+\. |~~~)/;

class Writer {
  lines: string[] = [];
  cur = '';
  /** Characters of `cur` that are prefix/marker, not content. */
  curStart = 0;
  /** 0: same line; 1: new line; 2: blank line before the next text. */
  pending = 0;
  prefix = '';
  marker: string | null = null;
  preDepth = 0;
  /** Drop leading whitespace of the next text (just after an opening delimiter). */
  trimNext = false;

  private flush(): void {
    const t = this.cur.trimEnd();
    if (this.cur.length > this.curStart && t.length > 0) this.lines.push(t);
    this.cur = '';
    this.curStart = 0;
  }

  private startLine(): void {
    // Called when text arrives and a break is pending (or nothing has been written yet).
    this.flush();
    if (this.pending === 2 && this.lines.length > 0 && this.lines[this.lines.length - 1] !== '')
      this.lines.push(this.prefix.trimEnd() === '' ? '' : this.prefix.trimEnd());
    this.pending = 0;
    if (this.marker !== null) {
      const base = this.prefix.slice(0, this.prefix.length - this.marker.length);
      this.cur = base + this.marker;
      this.marker = null;
    } else this.cur = this.prefix;
    this.curStart = this.cur.length;
  }

  private atLineStart(): boolean {
    return this.cur.length === this.curStart;
  }

  /** Raw Markdown (delimiters, markers): written as is. */
  raw(s: string): void {
    if (this.pending > 0 || (this.lines.length === 0 && this.cur === '')) this.startLine();
    this.cur += s;
  }

  text(input: string): void {
    if (this.preDepth > 0) {
      this.preText(input);
      return;
    }
    let s = input.replace(/\s+/g, ' ');
    if (s === ' ' || s === '') {
      if (!this.atLineStart() && this.pending === 0 && !this.cur.endsWith(' ') && !this.trimNext) this.cur += ' ';
      return;
    }
    if (this.pending > 0 || (this.lines.length === 0 && this.cur === '')) this.startLine();
    if (this.trimNext || this.atLineStart() || this.cur.endsWith(' ')) s = s.trimStart();
    this.trimNext = false;
    if (ESCAPE_ANY.test(s)) s = s.replace(ESCAPE_ALL, '\\$&');
    if (this.atLineStart() && LINE_START.test(s)) s = s.replace(/^(\d+)\. /, '$1\\. ').replace(/^([-+>=#~])/, '\\$1');
    this.cur += s;
  }

  private preText(s: string): void {
    const parts = s.split('\n');
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        this.lines.push(this.cur.trimEnd());
        this.cur = this.prefix;
        this.curStart = this.cur.length;
      }
      this.cur += parts[i];
    }
  }

  block(): void {
    if (this.marker !== null) return; // first block inside a list item stays on the marker's line
    this.pending = 2;
  }

  lineBreak(): void {
    if (this.pending < 1) this.pending = 1;
  }

  trimEndInline(): void {
    if (!this.atLineStart()) this.cur = this.cur.trimEnd();
  }

  /** Starts a fenced code block; text inside is written verbatim. */
  openPre(): void {
    this.block();
    this.raw('```');
    this.flush();
    this.cur = this.prefix;
    this.curStart = this.cur.length;
    this.preDepth++;
  }

  closePre(): void {
    this.preDepth--;
    // keep content lines as written, even blank ones
    this.lines.push(this.cur.trimEnd());
    this.cur = this.prefix + '```';
    this.curStart = this.prefix.length;
    this.lines.push(this.cur);
    this.cur = '';
    this.curStart = 0;
    this.pending = 2;
  }

  result(): string {
    this.flush();
    // Collapse runs of blank lines that nested blocks may leave.
    const out: string[] = [];
    for (const l of this.lines) {
      if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
      out.push(l);
    }
    while (out.length && out[out.length - 1] === '') out.pop();
    return out.join('\n');
  }
}

function attr(n: MdNode, name: string): string {
  return (n.getAttribute ? n.getAttribute(name) : null) ?? '';
}

function safeUrl(u: string, kind: 'link' | 'image'): string | null {
  const t = u.trim();
  if (!t || t.startsWith('#') || !isSafeUrl(t, kind)) return null;
  return t.replace(/\s/g, '%20').replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
}

/**
 * The text nodes under `root` (text and CDATA, the nodes its textContent joins), in document order or in
 * reverse, until `stop` returns true. Used to answer questions about an element's text (has it a visible
 * character? does it start or end with a space?) by reading only as far as the answer: the walker asks them
 * at every level of nested inline elements, where reading the whole textContent each time costs depth × size.
 */
function someText(root: MdNode, reverse: boolean, stop: (text: string) => boolean): boolean {
  let n = reverse ? root.lastChild : root.firstChild;
  while (n !== null) {
    if (n.nodeType === 3 || n.nodeType === 4) {
      if (stop(n.textContent ?? '')) return true;
    } else if (n.nodeType === 1) {
      const inner = reverse ? n.lastChild : n.firstChild;
      if (inner !== null) {
        n = inner;
        continue;
      }
    }
    while (n !== null && (reverse ? n.previousSibling : n.nextSibling) === null) {
      n = n.parentNode;
      if (n === root) return false;
    }
    if (n === null) return false;
    n = reverse ? n.previousSibling : n.nextSibling;
  }
  return false;
}

/** `/\S/.test(n.textContent)`. */
function hasText(n: MdNode): boolean {
  return someText(n, false, (t) => /\S/.test(t));
}

/** `/^\s/.test(n.textContent)`: the first character of the first non-empty text node. */
function startsWithSpace(n: MdNode): boolean {
  let space = false;
  someText(n, false, (t) => {
    if (t.length === 0) return false;
    space = /^\s/.test(t);
    return true;
  });
  return space;
}

/** `/\s$/.test(n.textContent)`: the last character of the last non-empty text node. */
function endsWithSpace(n: MdNode): boolean {
  let space = false;
  someText(n, true, (t) => {
    if (t.length === 0) return false;
    space = /\s$/.test(t);
    return true;
  });
  return space;
}

function walk(w: Writer, node: MdNode, listDepth: number): void {
  for (let c = node.firstChild; c !== null; c = c.nextSibling) visit(w, c, listDepth);
}

function visit(w: Writer, c: MdNode, listDepth: number): void {
  const type = c.nodeType;
  if (type === 3) {
    w.text(c.textContent ?? '');
    return;
  }
  if (type !== 1) return;
  const name = c.nodeName.toUpperCase();
  if (SKIP.has(name)) return;
  switch (name) {
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
      heading(w, c, Number(name[1]));
      break;
    case 'BR':
      w.lineBreak();
      break;
    case 'HR':
      w.block();
      w.raw('---');
      w.block();
      break;
    case 'PRE':
      w.openPre();
      w.text(c.textContent ?? '');
      w.closePre();
      break;
    case 'CODE':
    case 'KBD':
    case 'SAMP':
    case 'TT':
      inlineCode(w, c, listDepth);
      break;
    case 'STRONG':
    case 'B':
      emphasis(w, c, listDepth, '**');
      break;
    case 'EM':
    case 'I':
      emphasis(w, c, listDepth, '_');
      break;
    case 'A':
      link(w, c, listDepth);
      break;
    case 'IMG':
      image(w, c);
      break;
    case 'UL':
    case 'OL':
      list(w, c, listDepth, name === 'OL');
      break;
    case 'BLOCKQUOTE':
      blockquote(w, c, listDepth);
      break;
    default:
      if (BLOCK.has(name)) {
        w.block();
        walk(w, c, listDepth);
        w.block();
      } else walk(w, c, listDepth);
  }
}

function heading(w: Writer, c: MdNode, level: number): void {
  if (!hasText(c)) return;
  w.block();
  w.raw('#'.repeat(level) + ' ');
  w.trimNext = true;
  // Headings stay on one line: walk, then any break inside is dropped by writing text only.
  const text = (c.textContent ?? '').replace(/\s+/g, ' ').trim();
  w.text(text);
  w.block();
}

function inlineCode(w: Writer, c: MdNode, listDepth: number): void {
  if (w.preDepth > 0) {
    walk(w, c, listDepth);
    return;
  }
  const t = (c.textContent ?? '').replace(/\s+/g, ' ');
  if (!t.trim()) return;
  const fence = t.includes('`') ? '``' : '`';
  w.raw(fence + (fence.length > 1 ? ' ' : '') + t.trim() + (fence.length > 1 ? ' ' : '') + fence);
}

/** `delimiter`: `**` for STRONG/B, `_` for EM/I. */
function emphasis(w: Writer, c: MdNode, listDepth: number, delimiter: string): void {
  if (!hasText(c)) {
    walk(w, c, listDepth);
    return;
  }
  if (startsWithSpace(c)) w.text(' ');
  w.raw(delimiter);
  w.trimNext = true;
  walk(w, c, listDepth);
  w.trimEndInline();
  w.raw(delimiter);
  if (endsWithSpace(c)) w.text(' ');
}

function link(w: Writer, c: MdNode, listDepth: number): void {
  const href = safeUrl(attr(c, 'href'), 'link');
  if (href === null || !hasText(c)) {
    walk(w, c, listDepth);
    return;
  }
  w.raw('[');
  w.trimNext = true;
  walk(w, c, listDepth);
  w.trimEndInline();
  w.raw(`](${href})`);
}

function image(w: Writer, c: MdNode): void {
  const src = safeUrl(attr(c, 'src'), 'image');
  if (src === null) return;
  const alt = attr(c, 'alt')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\[\]]/g, '\\$&');
  w.raw(`![${alt}](${src})`);
}

function list(w: Writer, c: MdNode, listDepth: number, ordered: boolean): void {
  if (listDepth > 0) w.lineBreak();
  else w.block();
  let k = Number.parseInt(attr(c, 'start'), 10);
  if (!Number.isFinite(k)) k = 1;
  const saved = w.prefix;
  for (let li = c.firstChild; li !== null; li = li.nextSibling) {
    if (li.nodeType === 3) {
      if (/\S/.test(li.textContent ?? '')) w.text(li.textContent ?? '');
      continue;
    }
    if (li.nodeType !== 1) continue;
    const ln = li.nodeName.toUpperCase();
    if (ln !== 'LI') {
      visit(w, li, listDepth + 1);
      continue;
    }
    const marker = ordered ? `${k++}. ` : '- ';
    w.lineBreak();
    w.prefix = saved + ' '.repeat(marker.length);
    w.marker = marker;
    walk(w, li, listDepth + 1);
    w.marker = null;
    w.prefix = saved;
    w.lineBreak();
  }
  w.prefix = saved;
  if (listDepth > 0) w.lineBreak();
  else w.block();
}

function blockquote(w: Writer, c: MdNode, listDepth: number): void {
  w.block();
  const saved = w.prefix;
  w.prefix = saved + '> ';
  walk(w, c, listDepth);
  w.prefix = saved;
  w.block();
}

/** Markdown for the children of `root`. */
export function domToMarkdown(root: MdNode): string {
  const w = new Writer();
  walk(w, root, 0);
  return w.result();
}
