/**
 * Main content beyond Readability, as trafilatura does it: a second candidate for the article (the page's own
 * <article>, articleBody or post-content container, else <main>), chosen when Readability's pick looks wrong,
 * and pruning of boilerplate blocks inside whichever candidate is used: navigation, forms, share bars, related
 * lists, newsletter and cookie boxes, comment sections, and blocks made mostly of links.
 *
 * Every measure comes from one post-order walk that reads each text node once (`measure`), so pruning and the
 * candidate choice stay linear in the size of the page.
 */

export interface PruneEl {
  nodeType: number;
  tagName?: string;
  nodeName: string;
  firstChild: PruneEl | null;
  nextSibling: PruneEl | null;
  parentNode: PruneEl | null;
  data?: string;
  getAttribute?(name: string): string | null;
  remove?(): void;
}

export interface BlockStats {
  /** Characters of text (runs of white space count as one). */
  text: number;
  /** Characters of text inside links. */
  link: number;
  /** Characters of text inside <p>, <pre>, <blockquote>, <li> and <td> elements. */
  para: number;
  /** Position in document order (the root is 0). */
  order: number;
}

const attr = (el: PruneEl, name: string) => (el.getAttribute ? (el.getAttribute(name) ?? '') : '');
const tagOf = (el: PruneEl) => (el.tagName ?? el.nodeName).toUpperCase();

/** Text length ignoring white-space runs, without building a new string. */
function solidLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!ws) n++;
    else if (!space) n++;
    space = ws;
  }
  return n;
}

const PARA_TAGS = new Set(['P', 'PRE', 'BLOCKQUOTE', 'LI', 'TD', 'DD']);

/** Text, link text and paragraph text of every element under `root` (included), in one walk. */
export function measure(root: PruneEl, limit = 200000): Map<PruneEl, BlockStats> {
  const stats = new Map<PruneEl, BlockStats>();
  let order = 0;
  let inLink = 0;
  let inPara = 0;
  const path: BlockStats[] = [];
  const enter = (el: PruneEl) => {
    const s: BlockStats = { text: 0, link: 0, para: 0, order: order++ };
    stats.set(el, s);
    path.push(s);
    const t = tagOf(el);
    if (t === 'A') inLink++;
    if (PARA_TAGS.has(t)) inPara++;
  };
  const leave = (el: PruneEl) => {
    const s = path.pop() as BlockStats;
    const t = tagOf(el);
    if (t === 'A') inLink--;
    if (PARA_TAGS.has(t)) inPara--;
    const parent = path[path.length - 1];
    if (parent) {
      parent.text += s.text;
      parent.link += s.link;
      parent.para += s.para;
    }
  };
  enter(root);
  let n = root.firstChild;
  let visited = 0;
  while (n !== null && visited++ < limit) {
    if (n.nodeType === 3) {
      const len = solidLength(n.data ?? '');
      const s = path[path.length - 1];
      s.text += len;
      if (inLink) s.link += len;
      if (inPara) s.para += len;
    } else if (n.nodeType === 1) {
      enter(n);
      if (n.firstChild !== null) {
        n = n.firstChild;
        continue;
      }
      leave(n);
    }
    while (n !== null && n.nextSibling === null) {
      n = n.parentNode;
      if (n === null || n === root) {
        n = null;
        break;
      }
      leave(n);
    }
    if (n === null) break;
    n = n.nextSibling;
  }
  while (path.length > 1) leave({ nodeType: 1, nodeName: 'X', firstChild: null, nextSibling: null, parentNode: null });
  return stats;
}

const ARTICLE_CLASS =
  /(?:^|[\s_-])(?:entry-content|post-content|postcontent|post-body|postbody|article-body|article__body|articlebody|article-content|article__content|article-text|articletext|story-body|storycontent|story-content|content-body|single-content|td-post-content|post-entry|entry-body|blog-post-body|text-content|rich-text|news-text|newstext|artikel-text|article__text)(?:$|[\s_-])/i;

/** How well a container says "the article is here": 2 for articleBody and post-content classes, 1 for <article>, 0.5 for <main>. */
function containerKind(el: PruneEl): number {
  const t = tagOf(el);
  if (attr(el, 'itemprop').toLowerCase() === 'articlebody') return 2;
  if (ARTICLE_CLASS.test(`${attr(el, 'class')} ${attr(el, 'id')}`)) return 2;
  if (t === 'ARTICLE') return 1;
  if (t === 'MAIN' || attr(el, 'role') === 'main') return 0.5;
  return 0;
}

/**
 * The page's own article container: among articleBody/post-content elements, <article> and <main>, the one with
 * the most paragraph text outside links (a stronger kind wins when it holds at least half as much). Null when
 * none holds 400 characters of paragraph text.
 */
export function containerCandidate(stats: Map<PruneEl, BlockStats>): { el: PruneEl; stats: BlockStats; kind: number } | null {
  let best: { el: PruneEl; stats: BlockStats; value: number; kind: number } | null = null;
  for (const [el, s] of stats) {
    const kind = containerKind(el);
    if (kind === 0) continue;
    const value = s.para - s.link * 0.5;
    if (value < 400 || (best !== null && value <= best.value && kind <= best.kind)) continue;
    if (insideBoilerplate(el)) continue;
    if (
      best === null ||
      (kind > best.kind && value * 2 >= best.value) ||
      (kind === best.kind && value > best.value) ||
      (kind < best.kind && value > best.value * 2)
    )
      best = { el, stats: s, value, kind };
  }
  return best ? { el: best.el, stats: best.stats, kind: best.kind } : null;
}

/** True when the element or one of its ancestors is classed as comments, related links, a sidebar … */
function insideBoilerplate(el: PruneEl): boolean {
  for (let n: PruneEl | null = el, k = 0; n !== null && k < 300; n = n.parentNode, k++) {
    if (n.nodeType !== 1) break;
    const cls = `${attr(n, 'class')} ${attr(n, 'id')}`;
    if (cls.length > 1 && BOILERPLATE_CLASS.test(cls) && !ARTICLE_CLASS.test(cls)) return true;
  }
  return false;
}

/** Class or id words of blocks that are never the article's text. */
const BOILERPLATE_CLASS =
  /(?:^|[\s_-])(?:share|sharing|shariff|social|socials|sociallinks|related|relatedposts|recommend(?:ed|ations)?|newsletter|subscribe|subscription|signup|cookie|cookies|consent|comments?|commentlist|disqus|respond|author-?bio|authorbox|author-box|about-?author|breadcrumbs?|pagination|pager|navigation|nav|menu|sidebar|widget|advert|advertisement|ad-?slot|promo|more-?articles|read-?more|readmore|popular|trending|most-?read|print|rating|follow|sponsored|outbrain|taboola|toolbar|post-?tags|tag-?list|tags-?list|tagcloud|meta-?tags|skip-?link|screen-reader-text|sr-only|visually-hidden)(?:$|[\s_-])/i;

const DROP_TAGS = new Set(['NAV', 'ASIDE', 'FORM', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'FOOTER', 'LABEL', 'DIALOG', 'MENU']);

/** Headings that announce a list of other articles rather than a part of this one. */
const RELATED_HEADING =
  /^(?:related(?: articles| stories| posts| content)?|read (?:more|also|next)|more (?:from|on|stories|articles|news)|recommended|popular|trending|most (?:read|popular)|you (?:may|might) (?:also )?like|weitere (?:artikel|beiträge|themen|nachrichten|meldungen|informationen)|mehr (?:zum thema|themen|dazu|artikel|aus)|das könnte sie auch interessieren|auch interessant|verwandte (?:artikel|beiträge|themen)|ähnliche (?:artikel|beiträge)|meistgelesen(?:e artikel)?|meistdiskutiert(?:e artikel)?|neueste (?:artikel|beiträge)|empfohlene (?:artikel|beiträge)|schon gelesen|lesen sie (?:auch|mehr)|themen im artikel|à lire aussi|lire aussi|sur le même sujet|le puede interesar|lea también|te puede interesar|noticias relacionadas|leggi anche)\b[\s:?!.…]*$/iu;

function isHidden(el: PruneEl): boolean {
  if (el.getAttribute && el.getAttribute('hidden') !== null) return true;
  if (attr(el, 'aria-hidden') === 'true') return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attr(el, 'style'));
}

/**
 * Removes boilerplate blocks under `root` (never `root` itself), deciding top-down from `stats` (which must
 * cover `root`): a removed block's descendants are not visited. A block holding more than half of the root's
 * text is never removed by its class alone (some sites class their whole article "content-with-sidebar").
 */
export function findBoilerplate(root: PruneEl, stats: Map<PruneEl, BlockStats>): PruneEl[] {
  const total = stats.get(root)?.text ?? 0;
  const doomed: PruneEl[] = [];
  let dropNextLinky = false;
  const visit = (el: PruneEl): boolean => {
    const s = stats.get(el);
    const t = tagOf(el);
    if (!s) return false;
    if (DROP_TAGS.has(t) || isHidden(el)) return true;
    const cls = `${attr(el, 'class')} ${attr(el, 'id')}`;
    const big = s.text * 2 > total;
    if (!big && cls.length > 1 && BOILERPLATE_CLASS.test(cls) && !ARTICLE_CLASS.test(cls)) return true;
    const density = s.text ? s.link / s.text : 0;
    if ((t === 'UL' || t === 'OL' || t === 'DL') && density > 0.5 && !big) return true;
    if ((t === 'DIV' || t === 'SECTION' || t === 'TABLE' || t === 'HEADER') && density > 0.6 && s.text < 3000 && !big) return true;
    if (t === 'P' && density > 0.8 && s.text < 300) return true;
    if (/^H[1-6]$/.test(t) && s.text < 80 && RELATED_HEADING.test(headingText(el))) {
      dropNextLinky = true;
      return true;
    }
    return false;
  };
  const walk = (parent: PruneEl, depth: number) => {
    for (let c = parent.firstChild; c !== null; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const s = stats.get(c);
      if (dropNextLinky) {
        dropNextLinky = false;
        if (s && s.text > 0 && s.link / s.text > 0.3 && !/^H[1-6]$/.test(tagOf(c))) {
          doomed.push(c);
          continue;
        }
      }
      if (visit(c)) doomed.push(c);
      else if (depth < 300) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return doomed;
}

/** Text outside links that is left under `root` once `doomed` blocks are gone. */
export function keptText(root: PruneEl, stats: Map<PruneEl, BlockStats>, doomed: readonly PruneEl[]): number {
  const s = stats.get(root);
  let n = s ? s.text - s.link : 0;
  for (const el of doomed) {
    const d = stats.get(el);
    if (d) n -= d.text - d.link;
  }
  return n;
}

/** Removes boilerplate blocks under `root` (see `findBoilerplate`); returns how many were removed. */
export function pruneBoilerplate(root: PruneEl, stats: Map<PruneEl, BlockStats>): number {
  const doomed = findBoilerplate(root, stats);
  for (const el of doomed) el.remove?.();
  return doomed.length;
}

/** A heading's text, bounded (headings are short; the walk stops at 100 characters). */
function headingText(el: PruneEl): string {
  let out = '';
  let n = el.firstChild;
  while (n !== null && out.length < 100) {
    if (n.nodeType === 3) out += n.data ?? '';
    else if (n.firstChild !== null) {
      n = n.firstChild;
      continue;
    }
    while (n !== null && n.nextSibling === null) {
      n = n.parentNode;
      if (n === el) n = null;
    }
    if (n === null) break;
    n = n.nextSibling;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The element at position `order` in document order under `root` (0 is root), as `measure` numbers them. */
export function elementAt(root: PruneEl, order: number): PruneEl | null {
  if (order === 0) return root;
  let k = 0;
  let n = root.firstChild;
  while (n !== null) {
    if (n.nodeType === 1) {
      if (++k === order) return n;
      if (n.firstChild !== null) {
        n = n.firstChild;
        continue;
      }
    }
    while (n !== null && n.nextSibling === null) {
      n = n.parentNode;
      if (n === root) return null;
    }
    if (n === null) return null;
    n = n.nextSibling;
  }
  return null;
}
