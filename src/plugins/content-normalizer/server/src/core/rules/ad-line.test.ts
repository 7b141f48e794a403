import { adLineRule, isAdLabel, isCapsProductLine } from './ad-line';
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
