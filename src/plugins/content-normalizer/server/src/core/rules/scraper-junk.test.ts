import { isScraperJunk } from './scraper-junk';

describe('scraper-junk', () => {
  test.each([
    'error: Content is protected !!',
    'Alert: Content is protected !!',
    'Please enable JavaScript to view the comments powered by Disqus.',
    'JavaScript is disabled in your browser.',
    'Skip to main content',
  ])('removes %s', (s) => expect(isScraperJunk(s)).toBe(true));
  test.each([
    "The site's JavaScript powers the tide tables.",
    'Content is king, the editor likes to say.',
    'Menus at the harbour cafés got shorter.',
  ])('keeps %s', (s) => expect(isScraperJunk(s)).toBe(false));
});
