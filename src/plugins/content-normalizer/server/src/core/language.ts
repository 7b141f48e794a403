/** Tiny stop-word language guess; returns an ISO 639-1 code or "und". Enough to tag a newsroom's usual languages. */

const STOP: Record<string, string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'that',
    'for',
    'it',
    'with',
    'was',
    'on',
    'as',
    'are',
    'by',
    'this',
    'from',
    'have',
    'has',
    'said',
  ],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'las', 'del', 'por', 'con', 'una', 'para', 'es', 'se', 'su', 'al', 'lo', 'como', 'más'],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'mit',
    'sich',
    'des',
    'auf',
    'für',
    'ein',
    'eine',
    'dem',
    'den',
    'auch',
    'es',
    'sie',
    'wird',
    'von',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'est',
    'une',
    'dans',
    'que',
    'pour',
    'pas',
    'qui',
    'sur',
    'au',
    'du',
    'avec',
    'il',
    'ce',
    'sont',
    'aux',
  ],
  pt: ['o', 'a', 'os', 'as', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'não', 'no', 'na', 'por', 'mais', 'dos'],
  it: [
    'il',
    'di',
    'che',
    'e',
    'la',
    'per',
    'un',
    'una',
    'non',
    'sono',
    'del',
    'della',
    'con',
    'gli',
    'le',
    'nel',
    'alla',
    'anche',
    'questo',
    'è',
  ],
};

const INDEX = new Map<string, string[]>();
for (const [lang, list] of Object.entries(STOP)) for (const w of list) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);
const INDEX_IDX = new Map<string, number[]>([...INDEX].map(([w, ls]) => [w, ls.map((l) => Object.keys(STOP).indexOf(l))]));

const LANGS = Object.keys(STOP);
const MAX_STOP_LEN = Math.max(
  ...Object.values(STOP)
    .flat()
    .map((w) => w.length),
);

/** a-z and U+00DF–U+00FF (lower-case Latin-1 letters), after lower-casing. */
function isLatinLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff);
}

export function detectLanguage(text: string): string {
  // A few thousand characters settle the language; reading more only costs time.
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const low = sample.toLowerCase();
  const scores = new Float64Array(LANGS.length);
  let total = 0;
  // One scan over lower-cased Latin letters: stop words of these languages all live in that range, and only
  // tokens short enough to be a stop word are looked up.
  let start = -1;
  for (let i = 0; i <= low.length; i++) {
    const inWord = i < low.length && isLatinLower(low.charCodeAt(i));
    if (inWord) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    total++;
    if (i - start <= MAX_STOP_LEN) {
      const langs = INDEX_IDX.get(low.slice(start, i));
      if (langs) for (const l of langs) scores[l] += 1 / langs.length;
    }
    start = -1;
  }
  let best = 'und';
  let bestScore = 0;
  for (let k = 0; k < LANGS.length; k++) {
    const s = scores[k];
    const l = LANGS[k];
    if (s > 0 && (s > bestScore || (s === bestScore && l < best))) {
      best = l;
      bestScore = s;
    }
  }
  if (total >= 5 && bestScore / total >= 0.08) return best;
  // Scripts that stop words cannot see.
  if (/[\u3040-\u30ff]/.test(sample)) return 'ja';
  if (/[\u4e00-\u9fff]/.test(sample)) return 'zh';
  if (/[\u0e00-\u0e7f]/.test(sample)) return 'th';
  if (/[\u0400-\u04ff]/.test(sample)) return 'ru';
  if (/[\u0600-\u06ff]/.test(sample)) return 'ar';
  return 'und';
}
