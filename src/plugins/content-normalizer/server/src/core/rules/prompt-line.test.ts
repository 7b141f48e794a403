import { isPromptLine } from './prompt-line';

describe('prompt-line', () => {
  test.each([
    'Share this article',
    'Share on Facebook',
    'Follow us on Instagram',
    'Subscribe to our newsletter',
    'Sign up for the Morning Tide newsletter',
    'Read more: Port strike ends after nine days',
    'Related: Ferry fares rise again',
    'Click here to watch the video',
    'Scroll to continue',
    'Comparte esta noticia',
    'Síguenos en redes sociales',
    'Suscríbete',
    'Lee también: El embalse baja al 18 %',
  ])('removes %s', (s) => expect(isPromptLine(s)).toBe(true));
  test.each([
    'Subscribers to the ferry pass will pay less next year.',
    'Followers of the old rules were unhappy.',
    'Sharing the road with trucks is dangerous, the report says.',
  ])('keeps %s', (s) => expect(isPromptLine(s)).toBe(false));
});
