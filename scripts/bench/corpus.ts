/**
 * Synthetic newsroom articles in the shape of the plugin's fixtures (title, byline, body, an ad line,
 * a keyword line, a copyright footer), each with the clean article it should become, so the import
 * path and the plain-Strapi path store the same content. Seeded, so every run benchmarks the same text.
 */

export const TAGS = [
  'Ferry Strike',
  'Port Verin',
  'Transport',
  'Labor Unions',
  'City Budget',
  'Flood Defenses',
  'Public Health',
  'Schools',
  'Housing',
  'Elections',
  'Climate',
  'Agriculture',
  'Water Supply',
  'Tourism',
  'Fisheries',
  'Energy',
  'Courts',
  'Policing',
  'Culture',
  'Sport',
  'Science',
  'Technology',
  'Heritage',
  'Maritime History',
];
export const AUTHORS = [
  'Anna Kowalczyk',
  'Tomás Reyes',
  'Priya Natarajan',
  'Ada Quill',
  'Nadia Ferrante',
  'Owen Achterberg',
  'María Ortega',
  'Luis Prado',
  'Hal Brandt',
  'Odile Marchetti',
  'Jonas Lind',
  'Keiko Sato',
];
export const SOURCES = ['Harbor Gazette', 'Coastal Times', 'The Riverside Ledger', 'Diario del Valle'];

const WORDS = (
  'harbour council ferry island crew union budget river flood school market bridge storm village mayor ' +
  'coast lighthouse volunteer tower farmer orchard water reservoir station train timetable deal strike ' +
  'engineer shift raise court judge hospital nurse clinic museum archive festival season tourist quay ' +
  'weather winter spring summer autumn morning evening report figure percent million residents officials ' +
  'agreement proposal vote plan project repairs route service schedule contract inspector survey'
).split(' ');
/** Words the benchmark searches for: every article is made of them. */
export const SEARCH_WORDS = WORDS;
const VERBS = ['said', 'agreed', 'warned', 'announced', 'expected', 'reported', 'promised', 'confirmed', 'argued', 'noted'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Deterministic pseudo-random numbers (LCG): same seed, same corpus. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface CleanArticle {
  title: string;
  body: string;
  authors: string[];
  tags: string[];
  source: string;
  publishedDate: string;
}

export interface SyntheticArticle {
  /** The document as a scraper would deliver it. */
  raw: string;
  /** The same document as a web page. */
  html: string;
  clean: CleanArticle;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function distinct<T>(rand: () => number, list: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(pick(rand, list));
  return [...chosen];
}

function sentence(rand: () => number, serial: number): string {
  const length = 10 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let k = 0; k < length; k++) words.push(pick(rand, WORDS));
  // A number tied to the serial makes every document's hash unique even when the words repeat.
  words.splice(3, 0, VERBS[Math.floor(rand() * VERBS.length)], String(serial % 997));
  return `${capitalize(words.join(' '))}.`;
}

/** Article number `serial` of the corpus `seed` (the same pair always gives the same article). */
export function makeArticle(serial: number, seed = 1): SyntheticArticle {
  const rand = rng(seed * 1_000_003 + serial);
  const title = `${capitalize(pick(rand, WORDS))} ${pick(rand, WORDS)} ${pick(rand, VERBS)} in ${capitalize(pick(rand, WORDS))} ${serial}-${seed}`;
  const authors = distinct(rand, AUTHORS, 1 + Math.floor(rand() * 2));
  const tags = distinct(rand, TAGS, 3 + Math.floor(rand() * 3));
  const source = pick(rand, SOURCES);
  const year = 2020 + Math.floor(rand() * 5);
  const month = Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const publishedDate = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const paragraphs: string[] = [];
  const count = 5 + Math.floor(rand() * 6);
  for (let p = 0; p < count; p++) {
    const sentences = 2 + Math.floor(rand() * 3);
    paragraphs.push(Array.from({ length: sentences }, () => sentence(rand, serial + p)).join(' '));
  }
  const adAt = 1 + Math.floor(rand() * (count - 1));
  const rawBlocks = [
    title,
    `By ${authors.join(' and ')} | ${source} | ${MONTHS[month]} ${day}, ${year} | 3 min read`,
    ...paragraphs.slice(0, adAt),
    'Advertisement',
    ...paragraphs.slice(adAt),
    'Share this article',
    `Tags: ${tags.join(', ')}`,
    `Copyright ${year} ${source}. All rights reserved.`,
  ];
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${title} | ${source}</title><meta property="og:title" content="${title}">`,
    `<meta name="author" content="${authors.join(', ')}"><meta name="keywords" content="${tags.join(', ')}">`,
    `<meta property="article:published_time" content="${publishedDate}T08:00:00Z">`,
    '<script>window.track && window.track("page");</script></head><body>',
    '<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/subscribe">Subscribe</a></nav></header>',
    `<main><article><h1>${title}</h1><p class="byline">By ${authors.join(' and ')}</p>`,
    ...paragraphs.map((text, index) => (index === adAt ? '<div class="ad">Advertisement</div>' : '') + `<p>${text}</p>`),
    '</article><aside><h2>Most read</h2><ul><li><a href="/a">Other story</a></li><li><a href="/b">Another story</a></li></ul></aside></main>',
    `<footer><p>Copyright ${year} ${source}. All rights reserved.</p></footer></body></html>`,
  ].join('\n');
  return {
    raw: rawBlocks.join('\n\n'),
    html,
    clean: { title, body: paragraphs.join('\n\n'), authors, tags, source, publishedDate },
  };
}
