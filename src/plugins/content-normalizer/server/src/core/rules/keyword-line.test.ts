import { parseKeywordLine } from './keyword-line';

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
