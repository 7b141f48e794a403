import { parseByline } from './byline';

const top = (s: string) => parseByline(s, true);

describe('byline', () => {
  test('multi-author with date and reading time', () => {
    expect(top('By Mary Jones, Don Perry & Ben Emos | Wednesday, February 5, 2025 | 4 min read')).toEqual({
      authors: ['Mary Jones', 'Don Perry', 'Ben Emos'],
      date: '2025-02-05',
      dateIsUpdate: false,
      readingTime: 4,
    });
  });
  test('all-caps names come out in natural case', () => {
    expect(top('By JANE DOE and JOHN ROE')?.authors).toEqual(['Jane Doe', 'John Roe']);
  });
  test('Written by … · Updated … · N min read', () => {
    const r = top('Written by Ada Quill · Updated 5:42 PM EST, Thu February 1, 2024 · 5 min read');
    expect(r).toMatchObject({ authors: ['Ada Quill'], date: '2024-02-01', readingTime: 5 });
  });
  test('Posted on DATE by NAME', () => {
    expect(top('Posted on August 19, 2023 by Tomas Reyes')).toEqual({ authors: ['Tomas Reyes'], date: '2023-08-19' });
  });
  test('NAME | Agency | ISO date near the top, agency is not a person', () => {
    expect(top('Lena Brook | Reuters | 2024-06-01')).toMatchObject({ authors: ['Lena Brook'], date: '2024-06-01' });
    expect(parseByline('Lena Brook | Reuters | 2024-06-01', false)).toBeNull();
  });
  test('Published DATE anywhere', () => {
    expect(parseByline('Published 14 Nov 2022', false)).toMatchObject({ date: '2022-11-14' });
  });
  test('Spanish', () => {
    expect(top('Por María Ortega y Luis Prado | 5 de febrero de 2025')).toMatchObject({
      authors: ['María Ortega', 'Luis Prado'],
      date: '2025-02-05',
    });
    expect(top('Publicado el 5 de febrero de 2025 por Ana Ruiz')).toEqual({ authors: ['Ana Ruiz'], date: '2025-02-05' });
  });
  test('agencies, staff reports and editors are not people', () => {
    expect(top('By Staff Report')?.authors).toBeUndefined();
    expect(top('By The Associated Press')?.authors).toBeUndefined();
    expect(top('(Reporting by Ana Ruiz; Editing by Tim Cole)')?.authors).toEqual(['Ana Ruiz']);
    expect(top('Written by Rob Ewing Edited by Bea Byer')?.authors).toEqual(['Rob Ewing']);
    expect(top('By Jane Doe, Staff Writer')?.authors).toEqual(['Jane Doe']);
  });
  test('sentences starting with By/Por are content', () => {
    expect(top('By the end of the year, the port will reopen.')).toBeNull();
    expect(top('By 2030, the city wants every bus to be electric.')).toBeNull();
    expect(top('Por la mañana, los camiones cisterna recorrerán el valle.')).toBeNull();
    expect(top('By Monday, nobody had answered.')).toBeNull();
  });
  test('a bare date is a dateline only near the top', () => {
    expect(top('Wednesday, February 5, 2025')).toMatchObject({ date: '2025-02-05' });
    expect(parseByline('Wednesday, February 5, 2025', false)).toBeNull();
  });
});
