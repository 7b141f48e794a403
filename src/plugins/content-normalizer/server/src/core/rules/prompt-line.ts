/**
 * Rule `prompt-line`: calls to action addressed to the reader.
 *
 * Examples:
 * - `Share this article`, `Share on Facebook`, `Follow us on Instagram`, `Subscribe to our newsletter`
 * - `Sign up for the Morning Tide newsletter`, `Read more: Port strike ends after nine days`
 * - `Related: Ferry fares rise again`, `Click here to watch the video`, `Scroll to continue`
 * - `Comparte esta noticia`, `Síguenos en redes sociales`, `Suscríbete`, `Lee también: …`
 * - `Subscribers to the ferry pass will pay less next year.` -> kept (content)
 */
import type { LineRule } from './rule';
import { isProse, words } from '../text';

// Anchored at the start of the line; each alternative is specific enough not to start ordinary prose.
const PROMPT_RE = new RegExp(
  '^(?:' +
    [
      'share (?:this|on|via|the story|the article|article|story)\\b',
      'share$',
      'shares?$',
      'tweet$',
      'email$',
      'print$',
      'comments?$',
      'follow (?:us|me|him|her|them)\\b',
      'follow @',
      'follow (?:on|the \\S+ on)\\b',
      'subscribe\\b',
      'sign up (?:for|to|here|now)\\b',
      'newsletter\\b',
      'get (?:our|the) (?:\\S+ )?newsletter',
      'join (?:our|the) (?:\\S+ )?(?:newsletter|mailing list|community)',
      'read more\\b',
      'read also\\b',
      'also read\\b',
      'see also\\b',
      'more on this\\b',
      'related\\s*:',
      'related (?:articles?|stories|content|posts?|coverage|news)\\b',
      'recommended (?:for you|stories|articles)',
      'you may also like',
      'you might also like',
      'most (?:read|popular)$',
      'trending now',
      'click here\\b',
      'tap here\\b',
      'scroll (?:down )?to continue',
      'continue reading\\b',
      'watch (?:the )?video\\s*:',
      'listen to (?:this|the) article',
      'comparte (?:esta|este|en)\\b',
      'compartir\\b',
      'síguenos\\b',
      'siguenos\\b',
      'suscríbete\\b',
      'suscribete\\b',
      'lee (?:también|tambien|más|mas)\\b',
      'leer más\\b',
      'leer mas\\b',
      'te puede interesar',
      'también te puede interesar',
      'noticias relacionadas',
      'ver también\\b',
      'más información\\s*:',
      'mehr zum thema',
      'lesen sie auch',
      'auch interessant',
      'teilen$',
      'jetzt abonnieren',
      'newsletter abonnieren',
    ].join('|') +
    ')',
  'i',
);

export function isPromptLine(plain: string): boolean {
  if (plain.length > 200) return false;
  if (!PROMPT_RE.test(plain)) return false;
  // Long sentences that merely start like a prompt are content ("Subscribe…" rarely runs to 25 words).
  return !(isProse(plain) && words(plain).length > 25);
}

export const promptLineRule: LineRule = {
  id: 'prompt-line',
  description: 'Removes share/follow/subscribe/newsletter prompts, "Read more:", "Related:", "Click here" and their Spanish forms.',
  defaultEnabled: true,
  match(line) {
    return isPromptLine(line.plain) ? {} : null;
  },
};
