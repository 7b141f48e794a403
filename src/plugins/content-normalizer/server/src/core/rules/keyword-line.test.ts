import { parseKeywordLine } from './keyword-line';
import { plainOf } from '../text';

describe('keyword-line', () => {
  test('explicit prefixes', () => {
    expect(parseKeywordLine('Tags: harbor, fishing quotas, Lake Verin')).toEqual({ tags: ['harbor', 'fishing quotas', 'Lake Verin'] });
    expect(parseKeywordLine('Topics: Elections | Local Government')).toEqual({ tags: ['Elections', 'Local Government'] });
    expect(parseKeywordLine('Filed under: Weather, Coastline')).toEqual({ tags: ['Weather', 'Coastline'] });
    expect(parseKeywordLine('Etiquetas: Sequía, Agricultura')).toEqual({ tags: ['Sequía', 'Agricultura'] });
  });
  test('bare list of short title-ish phrases', () => {
    expect(parseKeywordLine('Harbor Authority,Fishing Quotas,Port Verin,MS-13,U.S. Trade')?.tags).toHaveLength(5);
  });
  test('ordinary sentences and datelines are kept', () => {
    expect(parseKeywordLine('Boats, nets, and crates lined the quay.')).toBeNull();
    expect(parseKeywordLine('Paris, Texas, June 5, 2024')).toBeNull();
    expect(parseKeywordLine('Anna, Ben and Carla arrived, tired, at dawn.')).toBeNull();
    expect(parseKeywordLine('Red, White')).toBeNull();
  });
});

describe('keyword-line beyond the seed', () => {
  test.each([
    ['Keywords — drought, water, Valle Ardiente', ['drought', 'water', 'Valle Ardiente']],
    ['Keywords: drought; water; farming', ['drought', 'water', 'farming']],
    ['Filed Under: Politics · Elections', ['Politics', 'Elections']],
    ['Topics: Ferries · Strikes · Port Verin', ['Ferries', 'Strikes', 'Port Verin']],
    ['TAGS: Harbor | Ferries', ['Harbor', 'Ferries']],
    ['Tags - harbor, ferries', ['harbor', 'ferries']],
    ['Tagged with: harbor, ferries', ['harbor', 'ferries']],
    ['Related topics: Harbor, Ferries, Strikes', ['Harbor', 'Ferries', 'Strikes']],
    ['Posted in: News, Local', ['News', 'Local']],
    ['Temas: Sequía · Agua · Campo', ['Sequía', 'Agua', 'Campo']],
    ['Schlagwörter: Hafen, Fähre', ['Hafen', 'Fähre']],
    ['Mots-clés : port, ferry', ['port', 'ferry']],
    ['Parole chiave: porto, traghetto', ['porto', 'traghetto']],
    ['#harbor #ferries #PortVerin', ['harbor', 'ferries', 'PortVerin']],
  ])('%s', (line, tags) => expect(parseKeywordLine(line)).toEqual({ tags }));
  test('Markdown tag links and emphasis reach the rule as their text', () => {
    expect(parseKeywordLine(plainOf('Tags: [Harbor](/tag/harbor), [Ferries](/tag/ferries)'))).toEqual({ tags: ['Harbor', 'Ferries'] });
    expect(parseKeywordLine(plainOf('**Tags:** harbor, ferries'))).toEqual({ tags: ['harbor', 'ferries'] });
  });
  test('a label alone on its line with its colon goes, with no tag', () => {
    expect(parseKeywordLine('Tags:')).toEqual({ tags: [] });
    expect(parseKeywordLine('Schlagwörter:')).toEqual({ tags: [] });
    // Without the colon it may be a menu entry, which boilerplate-block needs to see.
    expect(parseKeywordLine('Tags')).toBeNull();
  });
  test.each([
    'Topics discussed at the meeting: fares, timetables and wages.',
    'The tags on the nets showed the catch came from Lake Verin.',
    'Keywords matter, the consultant told the council: harbor, ferry, tourism.',
    'Filed under pressure, the report reached the council on Friday.',
    'Tags on the crates showed they came from Lake Verin.',
    '#1 on the list was the harbour wall.',
  ])('sentences using the same words are kept: %s', (s) => expect(parseKeywordLine(s)).toBeNull());
});
