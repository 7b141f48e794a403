/**
 * Rule `ad-line`: advertising labels and product lines left between paragraphs.
 *
 * Examples:
 * - `Advertisement`, `ADVERTISEMENT`, `Sponsored content`, `Advertisement - Continue Reading Below`,
 *   `Story continues below advertisement`, `PUBLICIDAD`, `Anuncio`, `Anzeige` -> removed
 * - `WATERPROOF TRAIL RUNNER GTX 2` glued to another line (no blank line around it) -> removed:
 *   a short all-caps line with no sentence in it is a product name, not a heading
 * - `TRAIL RUNNER GTX 2 – BLACK/GREY` glued -> removed: dashes and slashes are part of product names
 * - `THE VERDICT` standing alone between blank lines -> kept (a heading)
 * - Promotions: `Shop now – 20% off all running shoes`, `Get 30% off your first order with code SPRING30`,
 *   `Limited time offer: free shipping on orders over $50`, `Sponsored by Harbor Bank`, `Buy now: $49.99`
 * - Price tags: `Ultralight Trail Jacket – $129.00`, `Trail Runner GTX 2 — $89.95 (was $120)`
 * - `The advertisement ran for three weeks before the council pulled it.` -> kept (a sentence)
 * - `Retailers offered up to 50% off to clear stock before the holidays.` -> kept (news about a sale)
 */
import type { LineRule } from './rule';
import { isAllCaps, words } from '../text';

const LABELS = new Set([
  'advertisement',
  'advertisements',
  'advertising',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'sponsored post',
  'sponsored links',
  'paid content',
  'paid post',
  'promoted',
  'promoted content',
  'partner content',
  'presented by our sponsor',
  'advertisement continue reading below',
  'advertisement scroll to continue',
  'story continues below advertisement',
  'article continues below advertisement',
  'continue reading below',
  'ad feedback',
  'advertise with us',
  'ad choices',
  'adchoices',
  'publicidad',
  'anuncio',
  'anuncios',
  'contenido patrocinado',
  'patrocinado',
  'espacio publicitario',
  'contenido de marca',
  'anzeige',
  'werbung',
  'publicité',
  'publicite',
  'pubblicità',
  'shop now',
  'buy now',
  'order now',
  'shop the look',
  'shop the story',
  'shop this story',
  'shop the collection',
  'comprar',
  'comprar ahora',
  'compra ahora',
  'jetzt kaufen',
  'jetzt bestellen',
  'acheter',
  'sponsorisé',
  'contenu sponsorisé',
  'contenuto sponsorizzato',
  'sponsorizzato',
  'anzeigen',
  'gesponsert',
  'werbeanzeige',
]);

export function isAdLabel(plain: string): boolean {
  if (plain.length > 60) return false;
  const key = plain
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return LABELS.has(key) || LABEL_PHRASE_RE.test(key);
}

/** Label phrases with variable wording, matched on the key (lower case, punctuation gone). */
const LABEL_PHRASE_RE = new RegExp(
  '^(?:' +
    [
      '(?:the )?(?:story|article|text) continues (?:below|after)(?: (?:this|the) (?:advertisement|ad))?',
      'advertisement (?:scroll|continue) (?:down )?(?:to )?(?:continue )?(?:reading|with content)?',
      '(?:promoted|sponsored|paid|partner) (?:stories|content|links|posts?)(?: (?:by|from) [\\p{L}\\p{N} ]{1,40})?',
      '(?:recommended|promoted|sponsored|content) by (?:outbrain|taboola|revcontent|zergnet|plista|ligatus)',
      '(?:ads|anuncios|werbung) (?:by|von|de) \\S+',
      'from our (?:sponsors|partners|advertisers)',
    ].join('|') +
    ')$',
  'u',
);

/** Affiliate disclosures: "This post may contain affiliate links." "We may earn a commission from links on this page." */
const AFFILIATE_RE =
  /^(?:this (?:post|article|story|page|guide) (?:may )?contains? affiliate links|we may (?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|share of sales)|(?:if|when) you (?:buy|purchase|click)\b.{0,80}\b(?:we may|commission|earn)|(?:este artículo|esta página) (?:puede )?contiene enlaces de afiliados|(?:\*|mit \*)?affiliate[- ]links?\b)/i;

/**
 * A short all-caps line with no sentence punctuation, e.g. a product name dropped in by a shop widget. Dashes,
 * slashes, apostrophes, "&", "+" and "%" occur in product names; full stops, commas, colons, quotes and
 * parentheses belong to sentences and datelines ("WASHINGTON (AP) —").
 */
export function isCapsProductLine(line: string): boolean {
  if (line.length > 100) return false;
  // "BODYSUIT – $68.00": the price tag's dot and comma are not sentence punctuation. One space before it at most,
  // so the search stays linear on a line of spaces.
  const plain = line.replace(/(?:\s[–—|-])?\s(?:[$€£¥]\s?\d[\d.,]*|\d[\d.,]*\s?[€£$])$/u, '').trim();
  if (plain.length < 6 || plain.length > 80) return false;
  const n = words(plain).length;
  if (n < 2 || n > 10) return false;
  if (!isAllCaps(plain)) return false;
  if (/[.,;:!?"“”«»()[\]]/.test(plain)) return false;
  // At least two words of two or more letters: "A – B" or "1/2 – 3" is not a name.
  return (plain.match(/\p{L}{2,}/gu) ?? []).length >= 2;
}

const PRICE = '(?:[$€£¥]\\s?\\d[\\d.,]*|\\d[\\d.,]*\\s?(?:€|£|\\$|eur|usd|gbp|euros?|dollars?))';
/** Imperative shop calls: news prose does not open with "Shop now" or "Get 30% off". */
const SHOP_CALL_RE = new RegExp(
  '^(?:' +
    [
      '(?:shop|buy|order|book) (?:now|today|here|online|it now)\\b',
      '(?:shop|browse) (?:the|our) (?:look|collection|sale|range|deals?)\\b',
      '(?:get|save|take|enjoy|claim|unlock) (?:an extra |up to )?(?:\\d{1,3}\\s?%|[$€£]\\s?\\d)',
      '(?:use|with|enter) (?:promo |discount |coupon )?code [A-Z0-9]{3,}',
      'free (?:shipping|delivery|returns) (?:on|over|for|with)\\b',
      '\\d{1,3}\\s?% off(?![\\w-])',
      'only [$€£]\\s?\\d',
      '(?:get|unlock|enjoy) (?:unlimited|full|digital|premium) access\\b',
      '(?:check|see|compare|view) (?:the )?(?:latest )?(?:price|deal|offer|it)s? (?:at|on) \\S',
      '(?:see|buy|shop) (?:it )?(?:at|on) (?:amazon|best buy|walmart|target|ebay|argos|john lewis|currys|zalando|otto|fnac|el corte inglés)\\b',
    ].join('|') +
    ')',
  'i',
);
/** Offer and sponsor labels; a long line that reads as a sentence after them is news ("Sponsored by the city, the fair …"). */
const OFFER_LABEL_RE = new RegExp(
  '^(?:' +
    [
      "(?:limited[- ]time (?:offer|deal)|special offer|exclusive offer|deal of the day|today[’']s deals?|flash sale|black friday deals?|hot deals?|top deals?|best deals?|price drop|sale|offer|oferta|angebot)\\s*[:!–—-]",
      '(?:sponsored|promoted|presented|brought to you|paid for|powered) by \\S',
      '(?:paid |in )?partnership with \\S',
      '(?:patrocinado por|presentado por|gesponsert von|präsentiert von|sponsorisé par) \\S',
    ].join('|') +
    ')',
  'i',
);
/** A short product line ending in a price after a dash, colon or pipe: "Trail Jacket – $129.00 (was $150)". */
const PRICE_TAG_RE = new RegExp(
  '(?:^|\\s[–—|-]\\s|:\\s)(?:(?:now|only|from|price|precio|preis|ab|desde)\\s*:?\\s*)?' +
    PRICE +
    '(?:\\s*\\((?:was|reg\\.?|antes|statt|rrp)\\s*:?\\s*' +
    PRICE +
    '\\))?$',
  'i',
);

/** "$29.99 at Amazon": a price and where to buy, nothing else. */
const RETAIL_PRICE_RE = new RegExp('^' + PRICE + '\\s+(?:at|on|from|bei|en|chez)\\s+\\S+(?:\\s+\\S+){0,3}$', 'i');

/** A promotion or price line: short, and not a sentence of news about a sale. */
export function isPromoLine(plain: string): boolean {
  if (plain.length > 160) return false;
  const n = words(plain).length;
  if (n > 18) return false;
  if (AFFILIATE_RE.test(plain)) return true;
  // Ads rarely end in a full stop after nine words; "Only $4 million of the grant has been spent so far." is news.
  if (SHOP_CALL_RE.test(plain)) return n <= 8 || !/\.["”’)]*$/.test(plain);
  if (RETAIL_PRICE_RE.test(plain) && !/[.!?]$/.test(plain)) return true;
  if (OFFER_LABEL_RE.test(plain)) return n <= 8 || !/[.!?…]["”’)]*$/.test(plain);
  return n <= 12 && !/[.!?]\s/.test(plain) && PRICE_TAG_RE.test(plain);
}

export const adLineRule: LineRule = {
  id: 'ad-line',
  description:
    'Removes advertising labels ("Advertisement", "Sponsored content", "PUBLICIDAD"), shop and discount promotions, price tags and short all-caps product lines glued to other lines.',
  defaultEnabled: true,
  match(line) {
    if (isAdLabel(line.plain) || isPromoLine(line.plain)) return {};
    if (!line.isHeading && line.glued && isCapsProductLine(line.plain)) return {};
    return null;
  },
};
