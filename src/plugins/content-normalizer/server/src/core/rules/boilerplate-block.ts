/**
 * Rule `boilerplate-block`: on a whole web page flattened to plain text by a scraper (every text node on its own
 * line, no blank lines), keeps the article and removes the page around it, jusText-style.
 *
 * - A line is "good" when it reads as prose: at least 70 characters with a stop-word density of at least 0.30
 *   (jusText's thresholds), or 200 characters with 0.20, or a whole sentence of five words or more. Lines that
 *   continue one sentence (split at a link or a bold word) are judged together, and are never menu-like.
 * - "Menu-like": under 40 characters, at most 4 words, few stop words, no sentence end (`Home`, `Impressum`), or a
 *   line of site vocabulary (page-classifier.ts: share bars, cookie and newsletter prompts, "Related articles",
 *   "Schreibe einen Kommentar", ©, in ten languages), whatever its neighbours.
 * - The article is the cluster of good lines (at most 10 other lines apart) with the most text. Then, in order:
 *   1. END marker: from the first "Related articles" / "Kommentare" / "Schlagwörter" line after most of the
 *      article's text, the rest of the page goes;
 *   2. teasers: three or more lone short prose lines, each behind a headline or a date, closing the cluster, go;
 *   3. after the article: when site vocabulary (or more than 3 lines holding some prose) follows it and the prose
 *      there is under a third of the article's, all of it goes but up to 3 non-menu lines right after the article
 *      (a source, a photo credit);
 *   4. elsewhere, a run of two or more non-good lines that is at least half menu-like and names site chrome is
 *      removed, except up to 3 non-menu lines right next to the article; inside the article only a pure menu of
 *      6+ lines with such a word goes, and single vocabulary lines (`Teilen Sie dies mit:`, `Anzeige`).
 *
 * Examples (a flattened news page):
 * - `Home` / `News` / `Sport` / `Weather` / `Contact` before the article          -> removed
 * - `Impressum` / `Datenschutz` / `Kontakt` / `AGB` after it                     -> removed
 * - `Ähnliche Beiträge` and the teasers, comments and footer after it            -> removed
 * - `Dredging Plan Delayed` between two prose lines                              -> kept (inside the article)
 * - `Am 14. Juni 2005 hielt` / `Steve Jobs` / `eine Rede …` (one sentence split at a link) -> kept
 * - a list closing the article (`Where to buy` and five shop names, no site vocabulary) -> kept
 *
 * Conservative by construction (Trafilatura sample, flattened: 8 of the 1061 `with` snippets present in the text
 * are lost, 1 of them before this pass grew):
 * - active only on plain-text input that looks flattened: at least 30 non-empty lines, fewer than 1 blank line
 *   per 10, and 3 good lines (Markdown, typed articles, our fixtures and the seed separate paragraphs with blank
 *   lines and are never touched; the HTML path already has Readability);
 * - never touches headings, list items, quotes or fenced code; a clean article (one paragraph a line) has no
 *   site vocabulary around it and comes out unchanged (page-classifier.test.ts);
 * - idempotent: the rule runs again on what is left until nothing more goes (at most 4 rounds, each linear);
 *   if that is not reached, nothing is removed;
 * - can be switched off like any rule (`rules: { 'boilerplate-block': false }`).
 */
import type { RuleDefinition } from '../types';
import { isProse } from '../text';
import { isChromeLine, isEndMarker, mentionsChrome } from '../page-classifier';

export const boilerplateBlockDefinition: RuleDefinition = {
  id: 'boilerplate-block',
  description:
    'On text flattened from a web page (one text node per line), removes runs of menu-, link- and footer-like lines around the prose (jusText-style: length, stop-word density, neighbouring lines).',
  defaultEnabled: true,
};

// Frequent function words of the languages we import (English, German, Spanish, French, Italian, Portuguese).
const STOP = new Set(
  (
    'a about after all also an and any are as at be been but by can could did do does for from had has have he her his how i if in into is it its just ' +
    'me more most my no not now of on one only or other our out over said she so some than that the their them then there these they this to up us ' +
    'was we were what when which who will with would you your ' +
    'aber als am an auch auf aus bei bin bis da das dass dem den der des die doch du durch ein eine einem einen einer es für hat hatte ich ihr im in ' +
    'ist ja kann man mit nach nicht noch nur ob oder sein seine sich sie sind so über um und uns von vor war wenn werden wie wir wird zu zum zur ' +
    'al como con de del el en es esta este ha la las lo los más no o para pero por que se su sus un una y ' +
    'au aux ce dans des du elle en est et il ils je la le les leur mais ne nous on ou par pas pour qui sa se son sur un une vous ' +
    'che di e gli il non per sono ' +
    'da do dos em na no os um uma'
  ).split(' '),
);

const WORD_RE = /[\p{L}\p{N}'’]+/gu;

export type LineClass = 'good' | 'nav' | 'other' | 'skip' | 'punct';

/** Classifies one plain line (Markdown decoration already stripped). */
export function classifyLine(plain: string): LineClass {
  const len = plain.length;
  const words = plain.toLowerCase().match(WORD_RE);
  const n = words ? words.length : 0;
  // Separators ("|", "*", "–") and drop-cap letters: neutral, they go with the run around them.
  if (n === 0 || len <= 2) return 'punct';
  let stops = 0;
  if (words) for (const w of words) if (STOP.has(w)) stops++;
  const density = stops / n;
  if ((len >= 70 && density >= 0.3) || (len >= 200 && density >= 0.2)) return 'good';
  // Running prose is never boilerplate here (it also bounds the document's top, which must not move).
  if (isProse(plain)) return 'good';
  // A whole sentence (five words or more, a sentence end) is content, however short.
  if (n >= 5 && /[.!?…]["'”’»)]*$/.test(plain)) return 'good';
  if (len < 40 && n <= 4 && density < 0.34 && !/[.!?…:;"”»]$/.test(plain)) return 'nav';
  return 'other';
}

export interface BlockLine {
  /** Index in the document's lines. */
  index: number;
  plain: string;
  /** Heading, list item, quote or code: never removed, and it breaks a run. */
  structural: boolean;
  /** A blank line separates it from the previous kept line (in the body it will be in another paragraph). */
  afterBlank: boolean;
}

const ENDS_OPEN =
  /(?:,|\b(?:a|an|the|of|to|in|on|at|by|for|with|and|or|from|der|die|das|den|dem|des|und|oder|mit|von|zu|im|in|auf|für|el|la|los|las|de|del|y|en|con|por|le|les|et|à|du|des))$/i;
const STARTS_CONT = /^[\p{Ll},.;:)!?%’'”»-]/u;

/** Does `next` continue the sentence of `prev` (a paragraph split at a link, a bold word, a drop cap)? */
function continues(prev: string, next: string): boolean {
  if (STARTS_CONT.test(next) || ENDS_OPEN.test(prev) || prev.length <= 2 || next.length <= 2) return true;
  if (/[.!?…:;"”»|]$/.test(prev)) return false;
  // A sentence fragment ("Am 14. Juni 2005 hielt") runs on into the next line ("Steve Jobs").
  const ws = prev.toLowerCase().match(WORD_RE);
  if (!ws || ws.length < 3) return false;
  let stops = 0;
  for (const w of ws) if (STOP.has(w)) stops++;
  return stops >= 1;
}

/**
 * A flattened page splits a paragraph at every link or bold word. Lines are joined into blocks when the next
 * one starts in lower case or with punctuation, or the previous one ends with a comma or a function word
 * ("… said the" / "Mayor Smith" / "would …"); each block is classified as a whole.
 */
function classify(lines: readonly BlockLine[]): LineClass[] {
  const cls: LineClass[] = new Array(lines.length);
  let i = 0;
  while (i < lines.length) {
    if (lines[i].structural) {
      cls[i++] = 'skip';
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !lines[j].structural && !lines[j].afterBlank && continues(lines[j - 1].plain, lines[j].plain)) j++;
    for (let k = i; k < j; k++) cls[k] = classifyLine(lines[k].plain);
    // A joined block that reads as prose makes all its fragments good; otherwise each line keeps its own class.
    if (j - i > 1) {
      const whole = classifyLine(
        lines
          .slice(i, j)
          .map((l) => l.plain)
          .join(' '),
      );
      // Fragments of one sentence are not a menu, even when each is short.
      for (let k = i; k < j; k++) if (whole === 'good' || cls[k] === 'nav') cls[k] = whole === 'good' ? 'good' : 'other';
    }
    i = j;
  }
  return cls;
}

/**
 * The article: the cluster of good lines (neighbouring good lines at most GAP non-good lines apart) holding the
 * most good text. Returns its first and last line positions, or null.
 */
function mainCluster(lines: readonly BlockLine[], cls: readonly LineClass[]): [number, number] | null {
  const GAP = 10;
  let best: [number, number] | null = null;
  let bestChars = 0;
  let start = -1;
  let last = -1;
  let chars = 0;
  let gap = 0;
  for (let i = 0; i <= lines.length; i++) {
    const c = i < lines.length ? cls[i] : 'other';
    if (i < lines.length && c === 'good') {
      if (start < 0) start = i;
      last = i;
      chars += lines[i].plain.length;
      gap = 0;
      continue;
    }
    if (c !== 'punct' && c !== 'skip') gap++;
    if (start >= 0 && (gap > GAP || i === lines.length)) {
      if (chars > bestChars) {
        best = [start, last];
        bestChars = chars;
      }
      start = -1;
      chars = 0;
    }
  }
  return best;
}

const KEEP_NEAR = 3;

/** True when only structural lines (headings, code, lists) stand between positions a (inclusive) and b. */
function precedingSkipsOnly(cls: readonly LineClass[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (cls[k] !== 'skip') return false;
  return true;
}

/** Words that only site chrome uses: a run must contain one of them to be removed. */
const CHROME =
  /^(?:home|startseite|menu|menü|navigation|search|suche|suchen|buscar|login|log in|sign in|sign up|anmelden|registrieren|register|logout|abmelden|kontakt|contact|contact us|about|about us|über uns|impressum|imprint|datenschutz|privacy|privacy policy|cookies?|cookie settings|terms|agb|nutzungsbedingungen|sitemap|newsletter|archiv|archive|archives|kategorien|categories|tags|schlagwörter|rss|feed|facebook|twitter|x|instagram|youtube|linkedin|pinterest|whatsapp|xing|tiktok|share|teilen|drucken|print|e-mail|email|weiterlesen|read more|mehr|more|next|previous|zurück|weiter|vorherige|nächste|older posts|newer posts|skip to content|zum inhalt springen|top|nach oben|back to top|jobs|karriere|careers|faq|hilfe|help|shop|abo|abonnieren|subscribe|mediadaten|advertise|werbung|anzeige|kommentare|comments|antworten|reply|©.*|copyright.*|alle rechte vorbehalten|all rights reserved)$/i;

/**
 * Where removal stops next to the article (dir -1: the run ends at the article; 1: it starts after it). Up to
 * KEEP_NEAR lines nearest to the article that are not menu-like stay (a caption, a source, a dateline); the
 * first menu-like line ends the protection. Stable: what stays has no menu-like line, so it is kept again.
 */
function backOff(cls: readonly LineClass[], i: number, j: number, dir: 1 | -1): number {
  let kept = 0;
  if (dir === -1) {
    let k = j;
    while (k > i && kept < KEEP_NEAR && cls[k - 1] !== 'nav') if (cls[--k] !== 'punct') kept++;
    return k;
  }
  let k = i;
  while (k < j && kept < KEEP_NEAR && cls[k] !== 'nav') if (cls[k++] !== 'punct') kept++;
  return k;
}

/** Good text needed before an END marker for it to close the article (a page's own intro is not an article). */
const END_MIN_CHARS = 400;

/**
 * The first END marker (`Related articles`, `Kommentare` …) after at least 3 good lines and END_MIN_CHARS of good
 * text, with less good text after it than before: the article ends there. Returns its position or -1.
 */
function endCut(lines: readonly BlockLine[], cls: readonly LineClass[], from: number): number {
  let total = 0;
  for (let i = 0; i < lines.length; i++) if (cls[i] === 'good') total += lines[i].plain.length;
  let before = 0;
  let good = 0;
  for (let i = from; i < lines.length; i++) {
    if (cls[i] === 'good') {
      before += lines[i].plain.length;
      good++;
      continue;
    }
    if (cls[i] === 'skip' || good < 3 || before < END_MIN_CHARS || before * 2 < total) continue;
    if (isEndMarker(lines[i].plain)) return i;
  }
  return -1;
}

/** Teasers needed in a row at the article's end before they are taken for a list of other stories. */
const MIN_TEASERS = 3;
/** A teaser is a sentence or two; a longer lone paragraph (a reviewer's verdict, an answer) is the article's. */
const TEASER_MAX = 200;

/**
 * A list of other stories after the article reads, flattened, as single prose lines of at most TEASER_MAX characters (a teaser) each behind two or
 * more short lines (a headline, a date, a category, "52 Likes"), while the article's own paragraphs follow each
 * other closely. Walking back from the cluster's end over such teasers: when there are MIN_TEASERS or more, returns
 * the position just after the last line that is the article's own (its earlier good text must be at least as
 * long as the teasers'), otherwise -1.
 */
function teaserTail(cls: readonly LineClass[], lines: readonly BlockLine[], main: [number, number]): number {
  let teasers = 0;
  let teaserChars = 0;
  let k = main[1];
  while (k >= main[0]) {
    // k is a good line ending a unit; a teaser is a unit of one good line with 2+ other lines before it.
    let start = k;
    while (start - 1 >= main[0] && (cls[start - 1] === 'good' || cls[start - 1] === 'punct')) start--;
    let goodInUnit = 0;
    for (let q = start; q <= k; q++) if (cls[q] === 'good') goodInUnit++;
    let gap = 0;
    let prev = start - 1;
    while (prev >= main[0] && cls[prev] !== 'good') {
      if (cls[prev] !== 'punct' && cls[prev] !== 'skip') gap++;
      prev--;
    }
    if (goodInUnit !== 1 || gap < 2 || prev < main[0] || lines[k].plain.length > TEASER_MAX) break;
    teasers++;
    teaserChars += lines[k].plain.length;
    k = prev;
  }
  if (teasers < MIN_TEASERS) return -1;
  let ownChars = 0;
  let own = 0;
  for (let q = main[0]; q <= k; q++) {
    if (cls[q] !== 'good') continue;
    ownChars += lines[q].plain.length;
    own++;
  }
  return own >= 3 && ownChars >= END_MIN_CHARS && ownChars >= teaserChars ? k + 1 : -1;
}

/** How much smaller than the article the good text after it must be for all of it to go. */
const AFTER_RATIO = 3;
/** Lines an article may end with after its last paragraph (author, source, photo credit, date). */
const MAX_SIGN_OFF = 3;

/**
 * After the article (the cluster's end, up to `end`): when the prose there is small beside the article's (comment
 * prompts, an author box, a promo), every line goes but the KEEP_NEAR non-menu lines right after the article (a
 * source, a photo credit). Returns where the remaining run-by-run pass must stop.
 */
function afterArticle(
  cls: readonly LineClass[],
  lines: readonly BlockLine[],
  chromeLine: readonly boolean[],
  main: [number, number],
  end: number,
  out: number[],
): number {
  if (main[1] + 1 >= end) return end;
  let inChars = 0;
  for (let k = main[0]; k <= main[1]; k++) if (cls[k] === 'good') inChars += lines[k].plain.length;
  let afterChars = 0;
  let chrome = false;
  let count = 0;
  for (let k = main[1] + 1; k < end; k++) {
    if (cls[k] === 'good') afterChars += lines[k].plain.length;
    if (cls[k] !== 'punct' && cls[k] !== 'skip') count++;
    chrome ||= chromeLine[k];
  }
  // Evidence that the page goes on after the article: site vocabulary, or more lines than a sign-off that hold
  // some prose (a list closing an article, "Where to buy" and five shops, holds none).
  if (!chrome && !(count > MAX_SIGN_OFF && afterChars > 0)) return end;
  if (afterChars * AFTER_RATIO >= inChars) return end;
  let from = main[1] + 1;
  let kept = 0;
  while (from < end && kept < KEEP_NEAR && cls[from] !== 'nav' && cls[from] !== 'good') if (cls[from++] !== 'punct') kept++;
  for (let k = from; k < end; k++) if (cls[k] !== 'skip') out.push(lines[k].index);
  return from;
}

function runs(lines: readonly BlockLine[]): number[] {
  const base = classify(lines);
  if (base.filter((c) => c === 'good').length < 3) return [];
  // Site furniture (cookie prompts, share buttons, copyright, "Related articles") is menu-like and goes wherever it
  // stands, even when joined to its neighbours into one "sentence": the vocabulary matches whole short lines only.
  const chromeLine: boolean[] = lines.map(
    (l, k) => base[k] !== 'skip' && (isChromeLine(l.plain) || (mentionsChrome(l.plain) && classifyLine(l.plain) !== 'good')),
  );
  const cls = base.map((c, k) => (chromeLine[k] ? 'nav' : c));
  const first = mainCluster(lines, cls);
  if (!first) return [];
  const out: number[] = [];
  // After the article: from its first END marker on, everything but structure goes.
  const cut = endCut(lines, cls, first[0]);
  const upTo = cut < 0 ? lines.length : cut;
  if (cut >= 0) for (let k = cut; k < lines.length; k++) if (cls[k] !== 'skip') out.push(lines[k].index);
  const head = cut < 0 ? lines : lines.slice(0, cut);
  const found = cut < 0 ? first : mainCluster(head, cls);
  if (!found) return out;
  let main = found;
  const tail = teaserTail(cls, lines, main);
  if (tail >= 0) {
    for (let k = tail; k < upTo; k++) if (cls[k] !== 'skip') out.push(lines[k].index);
    main = [main[0], tail - 1];
  }
  const stop = afterArticle(cls, lines, chromeLine, main, tail >= 0 ? tail : upTo, out);
  let i = 0;
  while (i < stop) {
    if (cls[i] === 'good' || cls[i] === 'skip') {
      i++;
      continue;
    }
    let j = i;
    let nav = 0;
    let run = 0;
    let chrome = false;
    while (j < stop && cls[j] !== 'good' && cls[j] !== 'skip') {
      if (cls[j] === 'nav' || chromeLine[j]) nav++;
      if (!chrome && (chromeLine[j] || CHROME.test(lines[j].plain.replace(/[\s\p{P}\p{S}]+$/u, '').trim()))) chrome = true;
      if (cls[j] !== 'punct') run++;
      j++;
    }
    // Inside the article only a pure menu goes; around it, any run of two or more lines that is mostly menu-like.
    const inside = i > main[0] && j - 1 < main[1];
    const drop = chrome && (inside ? run >= 6 && nav === run : run >= 2 && nav * 2 >= run);
    if (drop) {
      // The lines right before or after the article (a caption, a source, a dateline) are often its own: the
      // KEEP_NEAR lines nearest to it stay. Stable: what stays is a run of KEEP_NEAR lines, which is kept again.
      let from = i;
      let to = j;
      if (!inside && j === main[0]) to = backOff(cls, i, j, -1);
      if (!inside && i > main[1] && precedingSkipsOnly(cls, main[1] + 1, i)) from = backOff(cls, i, j, 1);
      for (let k = from; k < to; k++) out.push(lines[k].index);
      for (let k = i; k < j; k++) if ((k < from || k >= to) && chromeLine[k]) out.push(lines[k].index);
    } else for (let k = i; k < j; k++) if (chromeLine[k]) out.push(lines[k].index);
    i = j;
  }
  return out.sort((a, b) => a - b);
}

/**
 * Given the document's non-empty kept lines in order (and the number of blank lines, which tells whether the
 * document is flattened), returns the indexes to remove. The result is checked to be a fixpoint (running the
 * rule again on what is left removes nothing); when it is not, nothing is removed, so cleaning stays idempotent.
 *
 * `nonEmptyLines` counts the document's non-empty lines, the line rules' removals included: whether a page is
 * flattened is a property of the page, and a page whose title, "Related articles" and © line the line rules took
 * is no less a page. Later rounds stand for a second cleaning, which sees only what is left, so they are gated on that.
 */
export function boilerplateRuns(lines: readonly BlockLine[], blankLines: number, nonEmptyLines = lines.length): number[] {
  if (nonEmptyLines < 30 || blankLines * 10 >= nonEmptyLines) return [];
  const gone = new Set<number>();
  let cur: readonly BlockLine[] = lines;
  // Removing a menu can expose another (the article's bounds move): run again on what is left, a bounded number of
  // times, so that the result is a fixpoint; when it is not reached, nothing is removed (cleaning stays idempotent).
  for (let round = 0; round < ROUNDS; round++) {
    const out = round === 0 || cur.length >= 30 ? runs(cur) : [];
    if (out.length === 0) return [...gone].sort((a, b) => a - b);
    if (round === ROUNDS - 1) return [];
    for (const i of out) gone.add(i);
    cur = remaining(lines, gone);
  }
  return [];
}

const ROUNDS = 4;

/** What a second cleaning would see: the lines left, glued as they will be in the body. */
function remaining(lines: readonly BlockLine[], gone: ReadonlySet<number>): BlockLine[] {
  const left: BlockLine[] = [];
  let blankBefore = false;
  for (const l of lines) {
    if (gone.has(l.index)) {
      blankBefore ||= l.afterBlank;
      continue;
    }
    left.push(blankBefore ? { ...l, afterBlank: true } : l);
    blankBefore = false;
  }
  return left;
}
