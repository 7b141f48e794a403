/**
 * Rule `prompt-line`: calls to action addressed to the reader.
 *
 * Examples:
 * - `Share this article`, `Share on Facebook`, `Follow us on Instagram`, `Subscribe to our newsletter`
 * - `Sign up for the Morning Tide newsletter`, `Read more: Port strike ends after nine days`
 * - `Related: Ferry fares rise again`, `Click here to watch the video`, `Scroll to continue`
 * - `Comparte esta noticia`, `Síguenos en redes sociales`, `Suscríbete`, `Lee también: …`
 * - Share/follow links, whose text is what rules see: `[Share on X](…)`, `Follow us on [Instagram](…) | [Facebook](…)`,
 *   `[Facebook](…) | [X](…) | [LinkedIn](…)` (nothing but network names), `Follow Harbor Gazette on Instagram`
 * - Leftovers of a language model: `Sure! Here is the article:`, `Here's a revised version of the article …:`,
 *   `As an AI language model, I cannot …`, `I hope this helps!`, `Let me know if you'd like any changes.`, `Word count: 612`
 * - `Subscribers to the ferry pass will pay less next year.` -> kept (content)
 * - `Here is the harbour the council wants to sell.` -> kept (prose that happens to open with "Here is")
 */
import type { LineRule } from './rule';
import { isAttributed, isProse, words } from '../text';

const SOCIAL =
  '(?:facebook|x|twitter|instagram|linkedin|whatsapp|telegram|threads|bluesky|mastodon|tiktok|youtube|reddit|pinterest|flipboard|snapchat|google news)';

// Anchored at the start of the line; each alternative is specific enough not to start ordinary prose.
const PROMPT_RE = new RegExp(
  '^(?:' +
    [
      'share (?:this|on|via|the story|the article|article|story)\\b',
      'share\\s*[:：]',
      '(?:e-?mail|send) (?:this|the) (?:story|article|page|link)\\b',
      'copy (?:the )?link$',
      'follow (?:\\S+ ){1,5}on ' + SOCIAL + '\\b',
      '(?:like|join|find|connect with|watch) us (?:on|at)\\b',
      '(?:tweet|pin|post|email|share|save) (?:this|it)$',
      '(?:download|get|install) (?:our|the) (?:free |new )?(?:\\S+ )?app(?: now| today| here)?[.!]?$',
      'enter your e-?mail\\b',
      'thanks? (?:you )?for reading\\b',
      'support (?:independent|local|our|quality|public[- ]interest) journalism\\b',
      'donate (?:now|today)[.!]?$',
      'become a (?:member|subscriber|supporter|patron)\\b',
      'read next\\b',
      'more from (?:\\S+ ){0,3}\\S+$',
      'recommended$',
      'watch\\s*:',
      'also on (?:\\S+ ){0,3}\\S+\\s*:?$',
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

// Each alternative is a phrase a chat assistant addresses to the person who asked, never to a newspaper reader.
const ASSISTANT_RE = new RegExp(
  '^(?:' +
    [
      "(?:sure|certainly|of course|absolutely|okay|ok|great|got it)\\s*[!,.:]?\\s+(?:here|below|i[’']ve|i have|i[’']ll|i will|this is)\\b",
      'as an ai\\b',
      'i hope (?:this|that|it) helps\\b',
      'let me know if\\b',
      'feel free to (?:ask|let me know|adjust|modify|edit|change|reach out)\\b',
      'would you like me to\\b',
      '(?:do you want|shall i|should i) (?:me to )?(?:add|expand|adjust|change|shorten|revise|rewrite|write|make|include|tweak)\\b',
      'is there anything else\\b',
      "i[’']m sorry,? but i\\b",
      "i (?:cannot|can[’']t|am unable to) (?:help|assist|provide|browse|access|verify)\\b",
      "i(?:[’']ve| have) (?:rewritten|revised|edited|updated|shortened|expanded|condensed|polished) (?:the|your|this) (?:\\S+ ){0,3}?(?:article|story|text|piece|draft|version|content)\\b",
      '\\(?(?:word count|words)\\s*[:：]\\s*~?\\d[\\d,]*\\)?$',
      '(?:meta description|seo title|seo description|suggested headline|focus keyword)\\s*[:：]',
      '(?:note|disclaimer)\\s*[:：]\\s*(?:this|the) (?:article|text|content|story|piece) (?:was|has been|is) (?:generated|written|created|produced|drafted)\\b',
    ].join('|') +
    ')',
  'i',
);
/** "Here is the rewritten article:", "Below is a 600-word news article about …" */
const HERE_IS_RE =
  /^(?:here(?:['’]s| is| are)|below (?:is|are)) (?:the|a|an|your|my|some)\b.{0,120}?\b(?:article|story|version|rewrite|draft|summary|text|piece|post|report|headlines?|options)\b/i;
const HERE_IS_ASSISTANT = /:$|\b(?:requested|asked for|rewritten|revised|improved|edited|polished|updated version|\d+[- ]word)\b/i;

/** A language model's leftover line around the article it wrote. */
export function isAssistantLine(plain: string): boolean {
  if (plain.length > 300) return false;
  // "Let me know if you see him, the harbour master told the crew." is reported speech.
  if (isAttributed(plain)) return false;
  if (ASSISTANT_RE.test(plain)) return true;
  return HERE_IS_RE.test(plain) && HERE_IS_ASSISTANT.test(plain);
}

/** Nothing but social network names and share words, e.g. the text of a row of share links. */
const SOCIAL_WORDS = new Set(
  'facebook x twitter instagram linkedin whatsapp telegram threads bluesky mastodon tiktok youtube reddit pinterest flipboard snapchat messenger email e-mail mail print sms copy link google news share tweet pin'.split(
    ' ',
  ),
);
const FIRST_TOKEN = /^[^\s|·•,/]+/;

function isSocialRow(plain: string): boolean {
  if (plain.length > 200) return false;
  // Most lines fail on their first word: test it before splitting the whole line.
  const first = FIRST_TOKEN.exec(plain);
  if (!first || !SOCIAL_WORDS.has(first[0].toLowerCase().replace(/[:.!]+$/, ''))) return false;
  const tokens = plain
    .toLowerCase()
    .split(/[\s|·•,/]+/)
    .filter((t) => t !== '');
  return tokens.length >= 2 && tokens.every((t) => SOCIAL_WORDS.has(t.replace(/[:.!]+$/, '')));
}

/** "…, the organisers said": a prompt's words quoted in reported speech. */
const REPORTED_TAIL_RE = /,\s+(?:\S+\s+){0,4}(?:said|says|told|tells|wrote|writes|added|asked)\b/i;

export function isPromptLine(plain: string): boolean {
  return looksLikePrompt(plain) && !REPORTED_TAIL_RE.test(plain);
}

function looksLikePrompt(plain: string): boolean {
  if (isAssistantLine(plain) || isSocialRow(plain)) return true;
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
