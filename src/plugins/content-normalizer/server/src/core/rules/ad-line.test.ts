import { adLineRule, isAdLabel, isCapsProductLine, isPromoLine } from './ad-line';
import type { LineView } from './rule';

const view = (plain: string, glued: boolean): LineView => ({ index: 0, raw: plain, plain, inTop: false, glued, isHeading: false });

describe('ad-line', () => {
  test.each([
    'Advertisement',
    'ADVERTISEMENT',
    'Sponsored content',
    'Advertisement - Continue Reading Below',
    'Story continues below advertisement',
    'PUBLICIDAD',
    'Anzeige',
  ])('label %s', (s) => expect(isAdLabel(s)).toBe(true));
  test('product lines glued to other lines go, lone all-caps headings stay', () => {
    expect(isCapsProductLine('SEAMLESS KNIT RUNNING TIGHTS')).toBe(true);
    expect(adLineRule.match(view('WATERPROOF TRAIL RUNNER GTX 2', true), { title: '' })).toEqual({});
    expect(adLineRule.match(view('THE VERDICT', false), { title: '' })).toBeNull();
  });
  test('sentences mentioning advertisements are content', () => {
    expect(adLineRule.match(view('The advertisement ran for three weeks before the council pulled it.', true), { title: '' })).toBeNull();
    expect(isCapsProductLine('NASA SAYS NO.')).toBe(false);
  });
});

describe('ad-line beyond the seed', () => {
  const removed = (s: string, glued = false) => adLineRule.match(view(s, glued), { title: '' }) !== null;
  test.each([
    '— Sponsored —',
    '-- Advertisement --',
    '*** ADVERTISEMENT ***',
    'Advertisement · Scroll to continue',
    'Anzeige –',
    'Shop now',
    'Buy Now',
    'Shop the look',
    'Gesponsert',
  ])('decorated or translated label %s', (s) => expect(removed(s)).toBe(true));
  test.each([
    'Shop now – 20% off all running shoes',
    'Shop now - 20% off',
    'Buy now: $49.99',
    'Get 30% off your first order with code SPRING30',
    'Save up to 40% on ferry passes this weekend',
    'Use code HARBOR10 at checkout',
    'Limited time offer: free shipping on orders over $50',
    'Deal of the day: Noise-cancelling headphones, $79',
    'Sponsored by Harbor Bank',
    'Promoted by Valle Motors',
    'Paid partnership with Coastline Outfitters',
    'Patrocinado por Bodegas del Valle',
  ])('promotion %s', (s) => expect(removed(s)).toBe(true));
  test.each([
    'Ultralight Trail Jacket – $129.00',
    'Trail Runner GTX 2 — $89.95 (was $120)',
    'Merino Beanie | €24,90',
    'Harbor Thermos: Now $19',
  ])('price tag %s', (s) => expect(removed(s)).toBe(true));
  test.each([
    'TRAIL RUNNER GTX 2 – BLACK/GREY',
    "WOMEN'S SEAMLESS KNIT TANK",
    'MID-RISE COMPRESSION SHORTS 7IN',
    'OCEAN & PINE SOY CANDLE 200G',
  ])('caps product line with dashes, slashes or apostrophes, glued: %s', (s) => expect(removed(s, true)).toBe(true));
  test.each([
    'The shop now sells 20% fewer ferry tickets than it did before the strike, the owner said.',
    'Shoppers paid $49.99 for the same jacket last winter, according to the consumer group.',
    'Retailers offered up to 50% off to clear stock before the holidays.',
    'Sponsored by the city council, the festival drew 4,000 visitors over three days.',
    'In partnership with the university, the port will test electric ferries next spring.',
    'Sale of the harbour land – worth $12 million – was approved on Monday.',
    'The fare rises to $4.50 from March.',
    'Tickets cost €12 – half the price of last year.',
    'Deal or no deal, the union says it will strike again.',
    'Buy-to-let landlords face new rules from April.',
  ])('news about prices and sales is kept: %s', (s) => expect(removed(s, true)).toBe(false));
  test.each(['WASHINGTON (AP) —', 'MADRID, 3 MAR (EFE).', 'A – B'])('datelines and fragments are not product lines: %s', (s) =>
    expect(isCapsProductLine(s)).toBe(false),
  );
  test('isPromoLine is bounded: a long paragraph is never a promotion', () => {
    expect(isPromoLine('Shop now – ' + 'the ferry company said fares would rise again '.repeat(5))).toBe(false);
  });
});

describe('ad-line: more label wordings, affiliate notes and retail prices', () => {
  const removed = (s: string, glued = false) => adLineRule.match(view(s, glued), { title: '' }) !== null;
  test.each([
    'Advertisement:',
    '[Ad]',
    'Sponsored Content:',
    'Story continues below',
    'Article continues after this advertisement',
    'Advertisement — scroll to continue reading',
    'Promoted Stories',
    'Recommended by Outbrain',
    'Ads by Google',
    'Paid Content by Harbor Bank',
    'From our sponsors',
    'This post may contain affiliate links.',
    'We may earn a commission from links on this page.',
    'BUY IT NOW',
    '$29.99 at Amazon',
    'Check price on Amazon',
    'See it at Best Buy',
    'Seamless Sculpt Mid Thigh Bodysuit - $68',
    'Free shipping on all orders over $50!',
    'Use promo code FERRY20 for 20% off',
    '20% OFF EVERYTHING – TODAY ONLY',
    'Get unlimited access for $1',
    'Only $4.99/month – cancel anytime',
  ])('%s', (s) => expect(removed(s)).toBe(true));
  test('a caps product name with a price tag, glued', () => {
    expect(removed('SEAMLESS SCULPT MID THIGH BODYSUIT $68', true)).toBe(true);
    expect(removed('SEAMLESS SCULPT MID-THIGH BODYSUIT – BLACK – $68.00', true)).toBe(true);
  });
  test.each([
    'Free shipping on the lake ended when the ferry company raised its freight rates.',
    '20% off-peak fares will be cut from March.',
    'Only $4 million of the grant has been spent so far.',
    'Check the price at the ticket office before boarding.',
    'We may earn less this year, the fishermen said.',
    'Story continues to develop as the council meets tonight.',
    'Promoted stories about the ferries ran in three newspapers.',
    'The article continues below the fold on page three.',
    '$29.99 at the harbour shop, the jackets sold out in a day.',
  ])('kept: %s', (s) => expect(removed(s, true)).toBe(false));
});

test('ad-line stays linear on long runs of spaces, digits and dashes', () => {
  const start = Date.now();
  for (const s of [' '.repeat(1000), 'x' + ' '.repeat(998) + 'y', '1 '.repeat(500), '– $'.repeat(300), 'A'.repeat(99) + ' $1'])
    for (const glued of [true, false]) adLineRule.match(view(s, glued), { title: '' });
  expect(Date.now() - start).toBeLessThan(200);
});
