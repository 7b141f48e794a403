/**
 * Linear-time replacements for the Readability 0.6 measures that read the text of every descendant of a node:
 * `_getTextDensity`, `_getLinkDensity` and `_cleanConditionally`. Readability computes them with one
 * `textContent` per descendant, so a chain of D nested blocks holding T characters costs D²·T (a 200 KB list
 * nested 256 levels: 28 s). Here one walk over a subtree gathers, for every element, the length its
 * `_getInnerText` would have (trimmed, white-space runs collapsed) without building the string, and
 * `_cleanConditionally` keeps those sums for the whole subtree it cleans, updated as it removes nodes: its cost
 * is the size of that subtree, not the size times the depth. `_getAllNodesWithTag` gets a walk in place of a
 * CSS selector compiled per call. All on one Readability instance; no prototype is changed.
 *
 * Same results, by construction and by test (readability-linear.test.ts runs the originals side by side):
 * - lengths are counted in UTF-16 code units over the same text nodes as linkedom's `textContent` (text and
 *   CDATA, template content included), with the whitespace of `\s` and `trim()`;
 * - element sets follow the API Readability uses: `getElementsByTagName(x)` matches `localName === x` (so not
 *   the upper-case elements Readability creates itself), `querySelectorAll` matches case-insensitively and
 *   skips the content of <template> elements;
 * - floating-point sums are taken in the same (document) order.
 * Readability 0.6.0 is pinned in package.json; a change of version needs this file re-checked.
 */

/** What these functions touch of a linkedom node. */
export interface RNode {
  nodeType: number;
  localName: string;
  tagName: string;
  firstChild: RNode | null;
  nextSibling: RNode | null;
  parentNode: RNode | null;
  children: ArrayLike<RNode>;
  attributes: ArrayLike<{ value: string }>;
  innerHTML: string;
  data?: string;
  className?: unknown;
  getAttribute(name: string): string | null;
  _readabilityDataTable?: boolean;
}

export interface ReaderLike {
  REGEXPS: { hashUrl: RegExp; adWords: RegExp; loadingWords: RegExp };
  DIV_TO_P_ELEMS: Set<string>;
  FLAG_CLEAN_CONDITIONALLY: number;
  _allowedVideoRegex: RegExp;
  _linkDensityModifier: number;
  _flagIsActive(flag: number): boolean;
  _getAllNodesWithTag(node: RNode, tags: string[]): ArrayLike<RNode>;
  _removeNodes(list: ArrayLike<RNode>, filter: (this: ReaderLike, node: RNode) => boolean): void;
  _hasAncestorTag(node: RNode, tag: string, maxDepth?: number, filter?: (n: RNode) => unknown): boolean;
  _getClassWeight(node: RNode): number;
  _getInnerText(node: RNode, normalizeSpaces?: boolean): string;
  _getTextDensity(node: RNode, tags: string[]): number;
  _getLinkDensity(node: RNode): number;
  _cleanConditionally(node: RNode, tag: string): void;
}

/** The characters `\s` and `String.prototype.trim` treat as white space (checked against both in the test). */
export function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    (c > 127 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/**
 * Text statistics that concatenate: from them, the length of `s.trim()` and of
 * `s.trim().replace(/\s{2,}/g, ' ')` for the concatenated text s, and its number of commas.
 */
class TextStats {
  /** Code units. */
  len = 0;
  /** Non-space code units. */
  solid = 0;
  /** Leading and trailing space code units (both equal `len` when there is no non-space). */
  lead = 0;
  trail = 0;
  /** Runs of space strictly between non-space code units. */
  runs = 0;
  commas = 0;

  append(b: TextStats): void {
    if (b.len === 0) return;
    if (this.solid === 0) {
      this.lead = this.len + b.lead;
      this.trail = b.solid === 0 ? this.len + b.len : b.trail;
      this.runs = b.runs;
    } else if (b.solid === 0) {
      this.trail += b.len;
    } else {
      this.runs += b.runs + (this.trail > 0 || b.lead > 0 ? 1 : 0);
      this.trail = b.trail;
    }
    this.len += b.len;
    this.solid += b.solid;
    this.commas += b.commas;
  }

  /** Length of `_getInnerText(node, true)`. */
  get normalized(): number {
    return this.solid === 0 ? 0 : this.solid + this.runs;
  }

  /** Length of `_getInnerText(node, false)`. */
  get trimmed(): number {
    return this.solid === 0 ? 0 : this.len - this.lead - this.trail;
  }

  static of(s: string): TextStats {
    const t = new TextStats();
    const n = s.length;
    t.len = n;
    let i = 0;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i === n) {
      t.lead = t.trail = n;
      return t;
    }
    t.lead = i;
    let j = n;
    while (isSpace(s.charCodeAt(j - 1))) j--;
    t.trail = n - j;
    let inSpace = false;
    for (; i < j; i++) {
      const c = s.charCodeAt(i);
      if (isSpace(c)) {
        if (!inSpace) t.runs++;
        inSpace = true;
      } else {
        inSpace = false;
        t.solid++;
        if (c === 44) t.commas++;
      }
    }
    return t;
  }
}

/**
 * Statistics of text nodes, computed once per node and content: an entry is used only while the node's data
 * is still the same string, so the cache stays right whatever Readability changes.
 */
class TextCache {
  private readonly map = new WeakMap<RNode, { data: string; stats: TextStats }>();

  get(node: RNode): TextStats {
    const data = node.data ?? '';
    const hit = this.map.get(node);
    if (hit !== undefined && hit.data === data) return hit.stats;
    const stats = TextStats.of(data);
    this.map.set(node, { data, stats });
    return stats;
  }
}

const lower = (tags: string[]): Set<string> => new Set(tags.map((t) => t.toLowerCase()));
const HEADINGS = lower(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LISTS = lower(['ul', 'ol']);
const EMBEDS = lower(['object', 'embed', 'iframe']);
/** Longer than anything `adWords` or `loadingWords` can match (13 characters). */
const SHORT_TEXT = 64;

/**
 * One walk over the subtree of `root`: the text statistics of the root, and of each descendant element that
 * `wanted` selects, in document order. For `_getTextDensity` and `_getLinkDensity` (one call each).
 */
function walkSubtree(
  root: RNode,
  texts: TextCache,
  wanted: (el: RNode, inTemplate: boolean) => boolean,
): { root: TextStats; found: { el: RNode; stats: TextStats }[] } {
  const found: { el: RNode; stats: TextStats }[] = [];
  const stack: { stats: TextStats; template: number; el: RNode }[] = [];
  let cur = { stats: new TextStats(), template: 0, el: root };
  let n = root.firstChild;
  for (;;) {
    if (n === null) {
      const up = stack.pop();
      if (up === undefined) break;
      up.stats.append(cur.stats);
      n = cur.el.nextSibling;
      cur = up;
      continue;
    }
    const type = n.nodeType;
    if (type === 1) {
      const child = { stats: new TextStats(), template: cur.template + (n.localName === 'template' ? 1 : 0), el: n };
      if (wanted(n, cur.template > 0)) found.push({ el: n, stats: child.stats });
      stack.push(cur);
      cur = child;
      n = n.firstChild;
      continue;
    }
    if (type === 3 || type === 4) cur.stats.append(texts.get(n));
    n = n.nextSibling;
  }
  return { root: cur.stats, found };
}

function linkDensity(root: TextStats, links: { el: RNode; stats: TextStats }[], hashUrl: RegExp): number {
  const textLength = root.normalized;
  if (textLength === 0) return 0;
  let linkLength = 0;
  for (const { el, stats } of links) {
    const href = el.getAttribute('href');
    const coefficient = href && hashUrl.test(href) ? 0.3 : 1;
    linkLength += stats.normalized * coefficient;
  }
  return linkLength / textLength;
}

/**
 * `node.querySelectorAll(names.join(','))` for plain tag names, as linkedom answers it (descendants in document
 * order, names compared case-insensitively, nothing inside a <template>), without compiling a CSS selector
 * per call: Readability asks this once per paragraph, and compiling was a third of its time on a wide page.
 * For an element `node` only.
 */
export function elementsByNames(node: RNode, names: Set<string>): RNode[] {
  const out: RNode[] = [];
  let n = node.firstChild;
  while (n !== null) {
    if (n.nodeType === 1) {
      if (names.has(n.localName.toLowerCase())) out.push(n);
      if (n.firstChild !== null && n.localName !== 'template') {
        n = n.firstChild;
        continue;
      }
    }
    while (n !== null && n.nextSibling === null) {
      n = n.parentNode;
      if (n === node) return out;
    }
    if (n === null) return out;
    n = n.nextSibling;
  }
  return out;
}

/** An element of the tree `_cleanConditionally` works on, with sums over its subtree. */
class Rec {
  parent: Rec | null = null;
  /** Children in order: elements, and text statistics for text nodes. */
  readonly items: (Rec | TextStats)[] = [];
  removed = false;
  dirty = true;
  /** Range of this element's descendant links in `Tree.links`. */
  linkStart = 0;
  linkEnd = 0;
  // What the element itself counts for. querySelectorAll (case-insensitive, not into <template>):
  readonly isList: boolean;
  readonly isHeading: boolean;
  readonly isTextish: boolean;
  readonly isEmbed: boolean;
  readonly hasVideo: boolean;
  readonly isTemplate: boolean;
  // getElementsByTagName (localName):
  readonly localName: string;
  readonly isDataTable: boolean;
  // Sums over the descendants (not the element itself), valid when not dirty.
  stats = new TextStats();
  listLen = 0;
  headingLen = 0;
  textishLen = 0;
  embeds = 0;
  videoEmbed = false;
  p = 0;
  img = 0;
  li = 0;
  input = 0;
  dataTables = 0;

  constructor(
    readonly el: RNode,
    textish: Set<string>,
    video: RegExp,
  ) {
    const name = el.localName.toLowerCase();
    this.localName = el.localName;
    this.isList = LISTS.has(name);
    this.isHeading = HEADINGS.has(name);
    this.isTextish = textish.has(name);
    this.isEmbed = EMBEDS.has(name);
    this.isTemplate = el.localName === 'template';
    this.isDataTable = el.localName === 'table' && !!el._readabilityDataTable;
    let v = false;
    if (this.isEmbed) {
      const attrs = el.attributes;
      for (let j = 0; j < attrs.length && !v; j++) v = video.test(attrs[j].value);
      // As in Readability: tagName is upper-case in an HTML document, so this never reads innerHTML.
      if (!v && el.tagName === 'object') v = video.test(el.innerHTML);
    }
    this.hasVideo = v;
  }
}

/**
 * The subtree `_cleanConditionally` cleans, with every element's sums kept up to date as nodes are removed:
 * a removal marks the ancestors dirty, and a dirty element is summed again from its children when asked.
 * Readability visits nodes in reverse document order, so all of a node's descendants are done before it and
 * each element is summed again at most once: the whole pass is linear in the size of the subtree.
 */
class Tree {
  readonly recs = new Map<RNode, Rec>();
  readonly links: Rec[] = [];
  private readonly dead = new Set<Rec>();

  constructor(root: RNode, texts: TextCache, textish: Set<string>, video: RegExp) {
    const top = new Rec(root, textish, video);
    this.recs.set(root, top);
    let cur = top;
    let n = root.firstChild;
    for (;;) {
      if (n === null) {
        cur.linkEnd = this.links.length;
        if (cur === top) break;
        n = cur.el.nextSibling;
        cur = cur.parent as Rec;
        continue;
      }
      const type = n.nodeType;
      if (type === 1) {
        const rec = new Rec(n, textish, video);
        rec.parent = cur;
        cur.items.push(rec);
        this.recs.set(n, rec);
        if (n.localName === 'a') this.links.push(rec);
        rec.linkStart = this.links.length;
        cur = rec;
        n = n.firstChild;
        continue;
      }
      if (type === 3 || type === 4) cur.items.push(texts.get(n));
      n = n.nextSibling;
    }
  }

  /** The sums of `rec`, brought up to date (children first; an explicit stack, not recursion). */
  fresh(rec: Rec): Rec {
    if (!rec.dirty) return rec;
    const stack = [rec];
    while (stack.length > 0) {
      const r = stack[stack.length - 1];
      let waiting = false;
      for (const item of r.items)
        if (item instanceof Rec && item.dirty && !item.removed) {
          stack.push(item);
          waiting = true;
        }
      if (waiting) continue;
      stack.pop();
      this.sum(r);
    }
    return rec;
  }

  private sum(rec: Rec): void {
    const stats = new TextStats();
    let listLen = 0;
    let headingLen = 0;
    let textishLen = 0;
    let embeds = 0;
    let videoEmbed = false;
    let p = 0;
    let img = 0;
    let li = 0;
    let input = 0;
    let dataTables = 0;
    for (const c of rec.items) {
      if (c instanceof TextStats) {
        stats.append(c);
        continue;
      }
      if (c.removed) continue;
      stats.append(c.stats);
      const len = c.stats.normalized;
      // querySelectorAll sees the child itself, and its descendants unless it is a <template>.
      if (c.isList) listLen += len;
      if (c.isHeading) headingLen += len;
      if (c.isTextish) textishLen += len;
      if (c.isEmbed) embeds++;
      if (c.isEmbed && c.hasVideo) videoEmbed = true;
      if (!c.isTemplate) {
        listLen += c.listLen;
        headingLen += c.headingLen;
        textishLen += c.textishLen;
        embeds += c.embeds;
        if (c.videoEmbed) videoEmbed = true;
      }
      // getElementsByTagName sees everything.
      const name = c.localName;
      p += c.p + (name === 'p' ? 1 : 0);
      img += c.img + (name === 'img' ? 1 : 0);
      li += c.li + (name === 'li' ? 1 : 0);
      input += c.input + (name === 'input' ? 1 : 0);
      dataTables += c.dataTables + (c.isDataTable ? 1 : 0);
    }
    rec.stats = stats;
    rec.listLen = listLen;
    rec.headingLen = headingLen;
    rec.textishLen = textishLen;
    rec.embeds = embeds;
    rec.videoEmbed = videoEmbed;
    rec.p = p;
    rec.img = img;
    rec.li = li;
    rec.input = input;
    rec.dataTables = dataTables;
    rec.dirty = false;
  }

  /** `_getLinkDensity(rec.el)`, summing in document order as Readability does. */
  linkDensity(rec: Rec, hashUrl: RegExp): number {
    const found: { el: RNode; stats: TextStats }[] = [];
    for (let i = rec.linkStart; i < rec.linkEnd; i++) {
      const a = this.links[i];
      if (!this.dead.has(a)) found.push({ el: a.el, stats: this.fresh(a).stats });
    }
    return linkDensity(this.fresh(rec).stats, found, hashUrl);
  }

  remove(rec: Rec): void {
    rec.removed = true;
    for (let i = rec.linkStart; i < rec.linkEnd; i++) this.dead.add(this.links[i]);
    if (rec.el.localName === 'a') this.dead.add(rec);
    for (let up = rec.parent; up !== null && !up.dirty; up = up.parent) up.dirty = true;
  }
}

/** Readability 0.6's `_cleanConditionally` filter for one node, from the sums of `tree`. */
function shouldClean(this: ReaderLike, node: RNode, tag: string, tree: Tree): boolean {
  const rec = tree.fresh(tree.recs.get(node) as Rec);
  const isDataTable = (t: RNode) => t._readabilityDataTable;
  const innerLength = rec.stats.normalized;

  let isList = tag === 'ul' || tag === 'ol';
  if (!isList) isList = rec.listLen / innerLength > 0.9;

  if (tag === 'table' && isDataTable(node)) return false;
  if (this._hasAncestorTag(node, 'table', -1, isDataTable)) return false;
  if (this._hasAncestorTag(node, 'code')) return false;
  if (rec.dataTables > 0) return false;

  const weight = this._getClassWeight(node);
  const contentScore = 0;
  if (weight + contentScore < 0) return true;

  if (rec.stats.commas >= 10) return false;

  const p = rec.p;
  const img = rec.img;
  const li = rec.li - 100;
  const input = rec.input;
  const headingDensity = innerLength === 0 ? 0 : rec.headingLen / innerLength;
  if (rec.videoEmbed) return false;
  const embedCount = rec.embeds;

  const contentLength = innerLength;
  if (contentLength <= SHORT_TEXT) {
    const innerText = this._getInnerText(node);
    if (this.REGEXPS.adWords.test(innerText) || this.REGEXPS.loadingWords.test(innerText)) return true;
  }
  const linkDensity = tree.linkDensity(rec, this.REGEXPS.hashUrl);
  const textDensity = innerLength === 0 ? 0 : rec.textishLen / innerLength;
  const isFigureChild = this._hasAncestorTag(node, 'figure');

  const haveToRemove =
    (!isFigureChild && img > 1 && p / img < 0.5) ||
    (!isList && li > p) ||
    input > Math.floor(p / 3) ||
    (!isList && !isFigureChild && headingDensity < 0.9 && contentLength < 25 && (img === 0 || img > 2) && linkDensity > 0) ||
    (!isList && weight < 25 && linkDensity > 0.2 + this._linkDensityModifier) ||
    (weight >= 25 && linkDensity > 0.5 + this._linkDensityModifier) ||
    (embedCount === 1 && contentLength < 75) ||
    embedCount > 1 ||
    (img === 0 && textDensity === 0);

  // An exception Readability makes: a list that would go is kept when it is a plain image list, that is when
  // none of its children has more than one child and it holds as many images as items.
  if (isList && haveToRemove && Array.from(node.children).every((child) => child.children.length <= 1) && img === rec.li) return false;
  return haveToRemove;
}

/**
 * Replaces, on this Readability instance only, the measures described above. No prototype (of Readability or
 * of linkedom) is changed.
 */
export function linearizeReadability(reader: ReaderLike): void {
  const texts = new TextCache();
  const getAll = reader._getAllNodesWithTag;
  const nameSets = new Map<string, Set<string>>();
  reader._getAllNodesWithTag = function (node, tagNames) {
    // On the document (a few calls), linkedom's own answer: its doctype node has no siblings to walk.
    if (node.nodeType !== 1) return getAll.call(this, node, tagNames);
    const key = tagNames.join();
    let names = nameSets.get(key);
    if (names === undefined) nameSets.set(key, (names = lower(tagNames)));
    return elementsByNames(node, names);
  };
  reader._getTextDensity = function (e, tags) {
    const set = lower(tags);
    const { root, found } = walkSubtree(e, texts, (el, inTemplate) => !inTemplate && set.has(el.localName.toLowerCase()));
    const textLength = root.normalized;
    if (textLength === 0) return 0;
    let childrenLength = 0;
    for (const f of found) childrenLength += f.stats.normalized;
    return childrenLength / textLength;
  };
  reader._getLinkDensity = function (element) {
    const { root, found } = walkSubtree(element, texts, (el) => el.localName === 'a');
    return linkDensity(root, found, this.REGEXPS.hashUrl);
  };
  reader._cleanConditionally = function (e, tag) {
    if (!this._flagIsActive(this.FLAG_CLEAN_CONDITIONALLY)) return;
    const list = this._getAllNodesWithTag(e, [tag]);
    if (list.length === 0) return;
    const textish = lower(['SPAN', 'LI', 'TD', ...Array.from(this.DIV_TO_P_ELEMS)]);
    const tree = new Tree(e, texts, textish, this._allowedVideoRegex);
    this._removeNodes(list, function (node) {
      const remove = shouldClean.call(this, node, tag, tree);
      if (remove) tree.remove(tree.recs.get(node) as Rec);
      return remove;
    });
  };
}
