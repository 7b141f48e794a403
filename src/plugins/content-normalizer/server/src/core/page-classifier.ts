/**
 * Vocabulary of whole-page boilerplate for text flattened from a web page (used by rules/boilerplate-block.ts).
 *
 * Two kinds of line, each matched on the whole line (trailing punctuation and counts ignored), short lines only:
 * - END markers open the part of a page that follows the article: related stories, comments, share bars
 *   (`Related articles`, `Ähnliche Beiträge`, `Schreibe einen Kommentar`, `Articles similaires`, `相关文章`).
 * - CHROME lines are site furniture wherever they stand: cookie and newsletter prompts, sign-in, copyright,
 *   "Read more", share buttons (`Teilen Sie dies mit:`, `Diese Website verwendet Akismet …`, `© 2021 Foo`).
 *
 * Languages: en, de, fr, es, it, pt, nl, ru, zh, ja. Every pattern is a plain alternation (linear time).
 */

/** Longest line tested against the vocabulary: longer lines are prose, whatever words they use. */
const MAX_VOCAB_LINE = 120;

const END_WORDS = [
  // en
  'related',
  'related (?:articles?|posts?|stories|content|news|links|reading|topics)',
  'you (?:may|might) also (?:like|enjoy|be interested in)',
  'more (?:stories|articles|news|from [\\p{L}\\p{N} .&-]{1,40})',
  'recommended(?: for you| articles| stories)?',
  'read next',
  'also read',
  'see also',
  'leave a (?:comment|reply)',
  'post a comment',
  '(?:\\d+ )?comments?',
  '(?:\\d+ )?responses?(?: to .{1,80})?',
  'recent (?:posts|comments|articles|entries)',
  'popular (?:posts|articles|stories)',
  'most (?:read|popular|viewed|shared)',
  'trending(?: now| stories)?',
  'share this(?: article| post| story| page)?',
  'like this',
  'about the author',
  'blogroll',
  '(?:filed|posted) (?:under|in).{0,60}',
  'tags?',
  'topics',
  'discover our latest editorial picks',
  'trending.{0,20}',
  'if you enjoyed reading this.{0,60}',
  'this entry was posted.{0,80}',
  'find more by .{1,40}',
  'mail the editor',
  'all content is licensed.{0,60}',
  // de
  'ähnliche (?:beiträge|artikel|themen|nachrichten)',
  'verwandte (?:beiträge|artikel|themen)',
  'weitere (?:artikel|beiträge|nachrichten|meldungen|themen)(?: zum thema| aus .{1,40})?',
  'weitere aktuelle themen.{0,60}',
  'mehr zum thema.{0,60}',
  'mehr aus .{1,40}',
  'das könnte (?:sie|dich) auch interessieren',
  'auch interessant',
  'zum weiterlesen',
  'artikel zum thema',
  '(?:\\d+ )?kommentare?',
  'kommentar (?:schreiben|verfassen|abgeben)',
  '(?:schreibe|hinterlasse|hinterlassen sie) (?:einen kommentar|eine antwort)',
  'teilen sie dies mit',
  'teilen mit',
  'diesen (?:artikel|beitrag) teilen',
  'beitrag teilen',
  'beliebte beiträge.{0,40}',
  'meist ?gelesen(?:e artikel)?',
  'neueste beiträge',
  'letzte beiträge',
  'top[ -]themen.{0,40}',
  'ihre meinung.{0,40}',
  'leserkommentare',
  'empfohlene artikel',
  'über den autor',
  'neueste (?:beiträge|artikel|nachrichten|meldungen)',
  'mehr (?:kolumnen|artikel|beiträge|news)',
  'lust auf mehr',
  'entdecken sie jetzt',
  'sie wollen mehr von uns',
  '(?:\\d+ )?antworten zu.{0,80}',
  '(?:diese seite|artikel|den artikel|diesen artikel)(?: mit anderen)? teilen.{0,30}',
  'sharen mit',
  'kommentieren',
  'hinterlasse jetzt einen kommentar',
  '(?:dir|ihnen) hat (?:der|dieser) artikel gefallen.{0,60}',
  'hat ihnen (?:der|dieser) artikel gefallen.{0,80}',
  'online-pressemappe',
  'info zur bewertung',
  'abgelegt unter.{0,60}',
  'veröffentlicht in.{0,60}',
  'dieser eintrag wurde veröffentlicht in.{0,60}',
  'schlagw(?:örter|orte)',
  'stichw(?:örter|orte)',
  'sharing is caring',
  // fr
  'articles? similaires',
  'à lire (?:aussi|également)',
  'lire aussi',
  'sur le même sujet',
  '(?:\\d+ )?commentaires?',
  'laisser un commentaire',
  'publier un commentaire',
  'partager(?: cet article)?',
  'vous aimerez aussi',
  'les plus lus',
  'dans la même rubrique',
  'pour approfondir',
  'mots[- ]clés',
  'classé dans.{0,60}',
  // es
  'artículos relacionados',
  'noticias relacionadas',
  'también te puede interesar',
  '(?:\\d+ )?comentarios?',
  'deja un comentario',
  'lo más leído',
  'lo más visto',
  'archivado en.{0,60}',
  'etiquetas',
  // it
  'articoli correlati',
  'potrebbe interessarti',
  '(?:\\d+ )?commenti',
  'lascia un commento',
  'i più letti',
  // pt
  'artigos relacionados',
  'notícias relacionadas',
  'comentários',
  'deixe um comentário',
  'mais lidas',
  // nl
  'gerelateerde artikelen',
  'reacties',
  'lees ook',
  'meest gelezen',
  // ru
  'похожие статьи',
  'читайте также',
  'комментарии',
  'популярное',
  // zh, ja
  '相关文章',
  '相关新闻',
  '相关阅读',
  '热门推荐',
  '推荐阅读',
  '关联記事',
  '関連記事',
  '人気記事',
];

const CHROME_WORDS = [
  // site furniture, en
  'home',
  'menu',
  'search',
  'skip to (?:main )?content',
  'toggle navigation',
  'sign (?:in|up|out)',
  'log ?(?:in|out)',
  'register',
  'subscribe(?: now| to .{1,60})?',
  '(?:receive|get|sign up for) our .{0,40}newsletter.{0,40}',
  'newsletter',
  'follow us.{0,60}',
  'share(?: on| via) .{1,30}',
  'tweet',
  'pin it',
  'print',
  'e-?mail',
  'facebook',
  'twitter',
  'instagram',
  'whatsapp',
  'linkedin',
  'pinterest',
  'youtube',
  'advertisement',
  'sponsored',
  'read more',
  'continue reading',
  'back to top',
  '(?:back|return) to .{1,40}',
  'previous (?:post|article)',
  'next (?:post|article)',
  'older posts',
  'newer posts',
  'privacy(?: policy)?',
  'terms(?: of (?:service|use))?(?: and conditions)?',
  'cookie (?:settings|policy|preferences)',
  '(?:this|our) (?:web)?site uses cookies.{0,100}',
  'we use cookies.{0,100}',
  'all rights reserved.{0,40}',
  '(?:powered|proudly powered) by .{1,40}',
  'dmca',
  'contact(?: us)?',
  'about(?: us)?',
  'sitemap',
  'dark mode',
  'loading',
  'corrections and clarifications',
  'when you purchase through links on our site.{0,100}',
  'immediate online access.{0,60}',
  'instant access to the full article.{0,20}',
  'the latest news about .{1,60}',
  'please reload captcha',
  'categor(?:y|ies)',
  'archives?',
  // de
  'startseite',
  'menü',
  'suche',
  'zum inhalt springen',
  'anmelden',
  'abmelden',
  'registrieren',
  'abonnieren',
  'newsletter abonnieren',
  'drucken',
  'teilen',
  'anzeige',
  'werbung',
  'werbepause',
  'wird geladen',
  'mitglied werden',
  'bildergalerie',
  'navigation (?:schlie(?:ss|ß)en|öffnen)',
  'empfohlener redaktioneller inhalt',
  'sie sind nicht (?:verbunden|angemeldet|eingeloggt)',
  'besucher sind online',
  'newsticker',
  'zum shop',
  'affiliate-?link',
  'twittern',
  'besuchen sie unseren .{1,30}',
  'wählen sie ihren zugang.{0,40}',
  'weiterlesen',
  'mehr lesen',
  'nach oben',
  'zurück(?: zu| zur| zum)?.{0,40}',
  'impressum',
  'datenschutz(?:erklärung|hinweise)?',
  'kontakt',
  'agb',
  'diese (?:web)?seite verwendet .{1,100}',
  'alle rechte vorbehalten.{0,40}',
  'erstelle eine kostenlose website.{0,60}',
  'bloggen auf wordpress\\.com',
  '(?:\\d+ )?bloggern gefällt das',
  'gefällt mir',
  'kategorien?',
  'sie sind (?:aktuell )?nicht eingeloggt.{0,20}',
  'deine e-mail-adresse wird nicht veröffentlicht.{0,80}',
  'ihre e-mail-adresse wird nicht veröffentlicht.{0,80}',
  // fr, es, it, pt, nl
  'accueil',
  'rechercher',
  'connexion',
  "s'inscrire",
  'inscription.{0,40}',
  'tous droits réservés.{0,40}',
  'lire la suite',
  'publicité',
  'pour lire la suite.{0,60}',
  'votre (?:adresse e-mail|commentaire|nom).{0,40}',
  'inicio',
  'buscar',
  'todos los derechos reservados.{0,40}',
  'leer más',
  'le puede interesar',
  'te puede interesar',
  'publicidad',
  'modo nocturno',
  'tutti i diritti riservati.{0,40}',
  'continua a leggere',
  'pubblicità',
  'todos os direitos reservados.{0,40}',
  'leia mais',
  'publicidade',
  'alle rechten voorbehouden.{0,40}',
  'lees meer',
  // ru, zh, ja
  'все права защищены.{0,40}',
  'читать далее',
  '版权所有.{0,40}',
  '责任编辑.{0,20}',
  '分享到.{0,20}',
  '纠错',
  '关注.{1,10}',
  '杂志图书订阅',
];

const compile = (ws: readonly string[]) => new RegExp(`^(?:${ws.join('|')})$`, 'iu');
const END_RE = compile(END_WORDS);
const CHROME_RE = compile(CHROME_WORDS);

/** The line as the vocabulary sees it: lower case, no trailing counts, colons, arrows, separators. */
function key(plain: string): string {
  return plain
    .replace(/^[\s\p{P}\p{S}]+/u, '')
    .replace(/[\s\p{P}\p{S}\d]+$/u, '')
    .trim()
    .toLowerCase();
}

/** Words that, in a short line that is not a sentence, only site furniture uses. */
const CHROME_MENTION_RE =
  /(?:^|[^\p{L}])(?:newsletters?|cookies?|abonnieren|abonniere|subscribe|unsubscribe|einloggen|log in|sign in|sign up|kommentieren|captcha|javascript|rss|fan-shop|affiliate|inscrivez-vous|suscríbete|iscriviti|inscreva-se)(?:$|[^\p{L}])/iu;
/** Longest line where a mention of CHROME_MENTION_RE's words is enough. */
const MAX_MENTION_LINE = 60;

/** A short non-sentence line naming site furniture ("Cicero Newsletter", "Bitte loggen Sie sich … ein"). */
export function mentionsChrome(plain: string): boolean {
  return plain.length <= MAX_MENTION_LINE && CHROME_MENTION_RE.test(plain);
}

/** Does this line open the part of the page after the article (related stories, comments, share bar)? */
export function isEndMarker(plain: string): boolean {
  if (plain.length > MAX_VOCAB_LINE) return false;
  const k = key(plain);
  return k.length > 0 && END_RE.test(k);
}

/** Is this line site furniture (cookie prompt, copyright, sign-in, share button, "Read more")? */
export function isChromeLine(plain: string): boolean {
  if (plain.length > MAX_VOCAB_LINE) return false;
  if (/^(?:©|\(c\)\s|copyright\b)/i.test(plain.trim())) return true;
  const k = key(plain);
  return k.length > 0 && (CHROME_RE.test(k) || END_RE.test(k));
}
