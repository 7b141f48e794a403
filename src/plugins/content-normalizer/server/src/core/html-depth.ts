/**
 * Bounds the element nesting depth of a page before linkedom builds its DOM, in one linear pass.
 *
 * Why before parsing: htmlparser2 (linkedom's parser) keeps its open-element stack in an array it grows with
 * `unshift`, so every start tag costs time in proportion to the current depth: 100,000 unclosed `<b>` took
 * 15 s to parse, 200,000 took 84 s. Readability and the Markdown walker then pay per level again (textContent
 * and getElementsByTagName at every ancestor, recursion that overflows the stack). Real pages stay far below
 * the cap (the deepest of the 515 evaluation pages nests 38 levels; Blink's parser stops nesting at 512).
 *
 * How: htmlparser2's own Tokenizer (the one linkedom's parser uses, so the tag boundaries are exactly the
 * parser's) drives a model of htmlparser2 10's open-element stack (its implied-end rules, void elements,
 * end-tag matching, foreign-content self-closing), kept with O(1) operations. A start tag that would open an
 * element deeper than `cap` is cut from the source, and so is the end tag that closes that element: the
 * parser then puts the element's content (text, images, line breaks) in its deepest kept ancestor, as if the
 * element had been unwrapped. A page that never goes deeper than `cap` is returned unchanged (same string).
 *
 * The model tracks every element the full page would open, marking the cut ones; the kept ones are always
 * exactly htmlparser2's stack on the cut source (the cases where they could diverge are handled below). So
 * after cutting, the parsed tree is at most `cap` elements deep, plus one level of leaves (void elements,
 * raw-text elements such as <title>, an empty <p> implied by a stray </p>).
 *
 * One more super-linear path of the same parser is closed here: it keeps a second array, the foreign-content
 * context, also grown with `unshift`, which an element such as <math> or <mi> enters and only its own end
 * tag leaves; `<div><mi></div>` repeated grows it without bound (20,000 repeats: 0.45 s, 40,000: 1.6 s). Past
 * `cap` open entries, further start tags of those elements are cut (transparently: as if absent).
 *
 * Where the result can differ from "the page with its deep elements unwrapped": a cut <math>/<svg> start tag
 * no longer changes whether a later kept `<x/>` counts as self-closing; a <textarea> that would close a kept
 * form control from under cut elements is cut with its content (see `rawTextCut`). Tested against the parser
 * on random tag soup (html.test.ts): the tree stays within the cap and the text is kept, in order.
 *
 * htmlparser2 is linkedom's own dependency (10.x for linkedom 0.18), imported here for its Tokenizer; the
 * tables below are copied from its Parser and must follow it if linkedom moves to another major version.
 */
import { Tokenizer } from 'htmlparser2';

/**
 * Deepest element nesting kept when parsing a page: elements deeper than this are unwrapped (their content
 * kept) before the DOM is built. News pages nest 15–40 levels.
 */
export const MAX_HTML_DEPTH = 256;

export interface DepthCapResult {
  /** The source to parse: `html` itself when nothing was cut. */
  html: string;
  /** Deepest nesting the uncut page asks for (html = 1). */
  depth: number;
  /** Start tags cut because they would open an element deeper than the cap. */
  unwrapped: number;
  /** Start tags of <math>, <mi> … cut because more than `cap` such elements were left open. */
  foreignDropped: number;
  /**
   * Of the unwrapped: <textarea> elements cut with their content, because under cut elements they would
   * have closed a kept <select> or form control. Their text is form-control text, which the Markdown leaves
   * out anyway.
   */
  rawTextCut: number;
}

// ---- htmlparser2 10's Parser tables (Parser.js), which the model below must follow exactly. ----
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const pTag = new Set(['p']);
const tableSectionTags = new Set(['thead', 'tbody']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['p', pTag],
  ['h1', pTag],
  ['h2', pTag],
  ['h3', pTag],
  ['h4', pTag],
  ['h5', pTag],
  ['h6', pTag],
  ['select', formTags],
  ['input', formTags],
  ['output', formTags],
  ['button', formTags],
  ['datalist', formTags],
  ['textarea', formTags],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddtTags],
  ['dt', ddtTags],
  ['address', pTag],
  ['article', pTag],
  ['aside', pTag],
  ['blockquote', pTag],
  ['details', pTag],
  ['div', pTag],
  ['dl', pTag],
  ['fieldset', pTag],
  ['figcaption', pTag],
  ['figure', pTag],
  ['footer', pTag],
  ['form', pTag],
  ['header', pTag],
  ['hr', pTag],
  ['main', pTag],
  ['nav', pTag],
  ['ol', pTag],
  ['pre', pTag],
  ['section', pTag],
  ['table', pTag],
  ['ul', pTag],
  ['rt', rtpTags],
  ['rp', rtpTags],
  ['tbody', tableSectionTags],
  ['tfoot', tableSectionTags],
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** The Tokenizer reads the content of these as text up to their own end tag (Tokenizer.js, `Sequences`). */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** Elements whose boundaries separate words: a cut one leaves a space so that its text does not run on. */
const BREAKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const enum Open {
  Keep,
  /** Cut, and modelled as an open element that the parser does not see. */
  Cut,
  /** Cut and not modelled at all (as if the tag were absent). */
  Ignore,
  /** A raw-text element: kept unless it turns out self-closing (then no raw text follows) and too deep. */
  Pending,
  /** A <textarea> under cut elements that would implicitly close a kept one: cut with its raw text. */
  Drop,
}

/**
 * Cuts the start tags (and matching end tags) of elements nested deeper than `cap`. Linear in the length of
 * `html`; `html` must be what is handed to linkedom's parseHTML (after any wrapping).
 */
export function capHtmlDepth(html: string, cap: number = MAX_HTML_DEPTH): DepthCapResult {
  // The open-element model: names and kept flags (a stack), and for each name the stack positions holding
  // it, so that an end tag finds its element in O(1). The kept entries are exactly the parser's stack on the
  // cut source; they form a prefix of the model's stack, except for a kept raw-text element on top (whose
  // end tag is necessarily the next tag). The cut entries above them are the elements the full page would
  // have open there: an end tag that closes one of them is cut too, so that it cannot close anything else.
  const names: string[] = [];
  const kept: boolean[] = [];
  const positions = new Map<string, number[]>();
  let keptCount = 0;
  // htmlparser2's foreign-content context (top = last; [false] at the start in HTML mode): on the cut source,
  // for what the parser does with kept tags; and on the whole page, for what the model does with cut ones.
  const foreign: boolean[] = [false];
  const pageForeign: boolean[] = [false];
  let depth = 0;
  let unwrapped = 0;
  let foreignDropped = 0;
  let rawTextCut = 0;
  // Source ranges to cut: start, end, and whether the cut element separates words.
  const cuts: number[] = [];
  const cutBreaks: boolean[] = [];

  const push = (name: string, keep: boolean): void => {
    names.push(name);
    kept.push(keep);
    if (keep) keptCount++;
    const at = positions.get(name);
    if (at) at.push(names.length - 1);
    else positions.set(name, [names.length - 1]);
    if (names.length > depth) depth = names.length;
  };
  const pop = (): void => {
    const name = names.pop() as string;
    if (kept.pop()) keptCount--;
    (positions.get(name) as number[]).pop();
  };
  const topIsCut = (): boolean => names.length > 0 && !kept[names.length - 1];
  const cut = (start: number, end: number, name: string): void => {
    cuts.push(start, end);
    cutBreaks.push(BREAKS.has(name));
  };
  const pushForeign = (name: string): void => {
    if (FOREIGN.has(name)) foreign.push(true);
    else if (INTEGRATION.has(name)) foreign.push(false);
    else return;
    pushedForeign = true;
  };
  const pushPageForeign = (name: string): void => {
    if (FOREIGN.has(name)) pageForeign.push(true);
    else if (INTEGRATION.has(name)) pageForeign.push(false);
  };

  // The start tag being read (between its name and its closing ">").
  let tagName = '';
  let tagStart = 0;
  let decision = Open.Keep;
  let pushedForeign = false;
  // Start of a dropped <textarea> whose raw text is being read: the cut runs to the end of its end tag.
  let dropFrom = -1;

  const openTag = (name: string): void => {
    const closes = IMPLIES_CLOSE.get(name);
    const isVoid = VOID.has(name);
    const isRaw = RAW_TEXT.has(name);
    // Cut elements on top that this start tag implicitly closes: the parser never had them.
    if (closes) while (topIsCut() && closes.has(names[names.length - 1])) pop();
    if (topIsCut()) {
      // The parser's top is the deepest kept element, below the cut ones. If this tag would implicitly close
      // that one, the parser must not see the tag, or it would close an element the model keeps open.
      const conflict = closes !== undefined && keptCount > 0 && closes.has(names[keptCount - 1]);
      if (isVoid) decision = conflict ? Open.Ignore : Open.Keep;
      else if (isRaw) decision = conflict ? Open.Drop : Open.Pending;
      else decision = Open.Cut;
      if (decision === Open.Cut) push(name, false);
      else if (decision === Open.Pending) {
        push(name, true);
        pushForeign(name);
      }
      if (decision === Open.Cut || decision === Open.Pending) pushPageForeign(name);
      return;
    }
    // The top is kept (or the stack is empty): the parser sees the same top and closes the same elements.
    let forced = false;
    if (closes)
      while (names.length > 0 && closes.has(names[names.length - 1])) {
        pop();
        forced = true;
      }
    if (isVoid) decision = Open.Keep;
    else if (isRaw) decision = Open.Pending;
    // After an implied close the new element is at most as deep as the one closed.
    else if (names.length >= cap && !forced) decision = Open.Cut;
    else if ((FOREIGN.has(name) || INTEGRATION.has(name)) && foreign.length > cap) decision = Open.Ignore;
    else decision = Open.Keep;
    if (isVoid || decision === Open.Ignore) return;
    push(name, decision !== Open.Cut);
    if (decision !== Open.Cut) pushForeign(name);
    pushPageForeign(name);
  };

  const endOpenTag = (end: number, selfClosing: boolean): void => {
    const name = tagName;
    const foreignTop = (): boolean => foreign[foreign.length - 1];
    if (decision === Open.Drop) {
      // Raw text follows unless self-closing: then an ordinary element, cut (or closed at once in foreign
      // content). The parser sees none of it.
      if (!selfClosing) {
        dropFrom = tagStart;
        return;
      }
      if (!pageForeign[pageForeign.length - 1]) push(name, false);
      decision = Open.Ignore;
    } else if (decision === Open.Pending) {
      // Raw text follows unless the tag is self-closing. Self-closing, it closes at once in foreign content;
      // elsewhere it stays open as an ordinary element, so the depth and foreign-context limits apply.
      if (!selfClosing || foreignTop()) decision = Open.Keep;
      else if (names.length > cap) {
        decision = Open.Cut;
        kept[names.length - 1] = false;
        keptCount--;
        if (pushedForeign) foreign.pop();
      } else if (pushedForeign && foreign.length > cap + 1) {
        decision = Open.Ignore;
        pop();
        foreign.pop();
      } else decision = Open.Keep;
    }
    if (decision === Open.Cut) unwrapped++;
    if (decision === Open.Ignore) {
      if (FOREIGN.has(name) || INTEGRATION.has(name)) foreignDropped++;
      else unwrapped++;
    }
    // htmlparser2 closes a self-closing tag only in foreign content, and only if it is on top of its stack:
    // the parser decides for a kept tag, the whole page's context for a cut one.
    const inForeign = decision === Open.Cut ? pageForeign[pageForeign.length - 1] : foreignTop();
    if (selfClosing && decision !== Open.Ignore && inForeign && names.length > 0 && names[names.length - 1] === name && !VOID.has(name))
      pop();
    if (decision === Open.Cut || decision === Open.Ignore) cut(tagStart, end + 1, name);
    decision = Open.Keep;
  };

  const closeTag = (start: number, end: number): void => {
    const name = html.slice(start, end).toLowerCase();
    const gt = html.indexOf('>', end);
    const tagEnd = gt < 0 ? html.length : gt + 1;
    if (dropFrom >= 0) {
      // The end of a dropped <textarea>'s raw text (the tokenizer ends raw text only at its own end tag).
      cut(dropFrom, tagEnd, name);
      dropFrom = -1;
      unwrapped++;
      rawTextCut++;
      return;
    }
    if (FOREIGN.has(name) || INTEGRATION.has(name)) pageForeign.pop();
    const at = positions.get(name);
    const pos = at !== undefined && at.length > 0 && !VOID.has(name) ? at[at.length - 1] : -1;
    if (pos >= 0 && !kept[pos]) {
      // Closes a cut element (and cut elements above it): the parser must not see this end tag.
      while (names.length > pos) pop();
      cut(html.lastIndexOf('<', start), tagEnd, name);
      return;
    }
    // Kept: the parser leaves the foreign context on any such end tag, matched or not.
    if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
    if (pos >= 0) while (names.length > pos) pop();
    // Unmatched: ignored, except </br> (a <br>) and </p> (an empty <p>), both leaves.
  };

  // Tag boundaries do not depend on character references (a reference ends at the first character that
  // cannot continue it, which is then read again), so the text is skipped without decoding them.
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        tagStart = start - 1;
        pushedForeign = false;
        openTag(tagName);
      },
      onopentagend(end) {
        endOpenTag(end, false);
      },
      onselfclosingtag(end) {
        endOpenTag(end, true);
      },
      onclosetag: closeTag,
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  if (dropFrom >= 0) {
    cut(dropFrom, html.length, 'textarea');
    unwrapped++;
    rawTextCut++;
  }

  const result = { html, depth, unwrapped, foreignDropped, rawTextCut };
  if (cuts.length > 0) result.html = applyCuts(html, cuts, cutBreaks);
  return result;
}

/**
 * The source without the cut ranges. A cut element that separates words leaves a space. Elsewhere nothing is
 * left, unless the text before the cut ends with "<" or may hold an unfinished character reference ("&amp"),
 * which the text after the cut would otherwise continue (turning "<" + "b" into a tag): then an empty
 * comment, which the parser ends the text at just as it did at the cut tag.
 */
function applyCuts(html: string, cuts: number[], breaks: boolean[]): string {
  const out: string[] = [];
  let pos = 0;
  let unsafeTail = false;
  for (let i = 0; i < cuts.length; i += 2) {
    const start = cuts[i];
    const end = cuts[i + 1];
    if (start > pos) {
      // The text since the last ">" (a cut or kept tag ends with one, so this stays within the segment).
      unsafeTail = html.charCodeAt(start - 1) === 60; // "<"
      for (let k = start - 1; !unsafeTail && k >= pos; k--) {
        const c = html.charCodeAt(k);
        if (c === 62) break; // ">"
        if (c === 38) unsafeTail = true; // "&"
      }
      out.push(html.slice(pos, start));
    }
    if (breaks[i / 2]) {
      out.push(' ');
      unsafeTail = false;
    } else if (unsafeTail) {
      out.push('<!---->');
      unsafeTail = false;
    }
    pos = end;
  }
  out.push(html.slice(pos));
  return out.join('');
}
