import { lineDiff } from './rule-impact';

describe('lineDiff', () => {
  it('names the lines a re-clean would remove and put back, ignoring blank lines and indentation', () => {
    const before = 'Quay lights repaired\n\nBrought to you by Quillby Crackers\n\n  They had been dark.';
    const after = 'Photo: harbour office\n\nQuay lights repaired\n\nThey had been dark.';
    expect(lineDiff(before, after)).toEqual({ removed: ['Brought to you by Quillby Crackers'], restored: ['Photo: harbour office'] });
  });

  it('counts repeats: a line twice before and once after is removed once', () => {
    expect(lineDiff('Share\nText\nShare', 'Text\nShare')).toEqual({ removed: ['Share'], restored: [] });
    expect(lineDiff('Same', 'Same')).toEqual({ removed: [], restored: [] });
  });
});
