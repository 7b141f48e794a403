/** Tiny stop-word language guess; returns an ISO 639-1 code or "und". Enough to tag a newsroom's usual languages. */

const STOP: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'was', 'on', 'as', 'are', 'by', 'this', 'from', 'have', 'has', 'said'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'las', 'del', 'por', 'con', 'una', 'para', 'es', 'se', 'su', 'al', 'lo', 'como', 'más'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'sich', 'des', 'auf', 'für', 'ein', 'eine', 'dem', 'den', 'auch', 'es', 'sie', 'wird', 'von'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'que', 'pour', 'pas', 'qui', 'sur', 'au', 'du', 'avec', 'il', 'ce', 'sont', 'aux'],
  pt: ['o', 'a', 'os', 'as', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'não', 'no', 'na', 'por', 'mais', 'dos'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'una', 'non', 'sono', 'del', 'della', 'con', 'gli', 'le', 'nel', 'alla', 'anche', 'questo', 'è'],
};

const INDEX = new Map<string, string[]>();
for (const [lang, list] of Object.entries(STOP)) for (const w of list) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);

export function detectLanguage(text: string): string {
  // A few thousand characters settle the language; reading more only costs time.
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const scores: Record<string, number> = {};
  // One split over lower-cased Latin letters: stop words of these languages all live in that range.
  const tokens = sample.toLowerCase().split(/[^a-z\u00df-\u00ff]+/);
  let total = 0;
  for (const w of tokens) {
    if (!w) continue;
    total++;
    const langs = INDEX.get(w);
    if (langs) for (const l of langs) scores[l] = (scores[l] ?? 0) + 1 / langs.length;
  }
  let best = 'und';
  let bestScore = 0;
  for (const [l, s] of Object.entries(scores)) {
    if (s > bestScore || (s === bestScore && l < best)) {
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
