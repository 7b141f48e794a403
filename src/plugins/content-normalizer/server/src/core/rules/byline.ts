/**
 * Rule `byline`: a credit line becomes authors, publication date and reading time, and leaves the body.
 *
 * Examples:
 * - `By Mary Jones, Don Perry & Ben Emos | Wednesday, February 5, 2025 | 4 min read`
 *     -> authors Mary Jones, Don Perry, Ben Emos; 2025-02-05; 4 minutes
 * - `By JANE DOE and JOHN ROE`                      -> Jane Doe, John Roe
 * - `Written by Ada Quill · Updated 5:42 PM EST, Thu February 1, 2024 · 5 min read`
 * - `Posted on August 19, 2023 by Tomas Reyes`
 * - `Lena Brook | Reuters | 2024-06-01` (near the top only)   -> Lena Brook (the agency is not a person)
 * - `Published 14 Nov 2022`                         -> date only
 * - `Por María Ortega y Luis Prado | 5 de febrero de 2025`
 * - `By Staff Report` / `(Reporting by Ana Ruiz; Editing by Tim Cole)` -> no invented people, editors dropped
 * - `Reporting by Ana Ruiz in Madrid; Additional reporting by Tom Bell; Editing by Tim Cole` -> Ana Ruiz only
 *   (the place filed from is not part of a name; additional reporters and editors are not the story's authors)
 * - `By Ana Ruiz, Updated 10:15 a.m. ET March 3, 2024` -> Ana Ruiz; 2024-03-03, marked as an update
 * - `Con información de EFE`, `With files from The Canadian Press` -> removed, no author
 * - `By the end of the year, the port will reopen.` -> kept: a sentence, not a byline
 */
import type { LineRule, RuleHit } from './rule';
import { findDate, parseDateOnly } from '../dates';
import { isParticle, naturalCaseName, words } from '../text';

const AGENCIES = new Set([
  'reuters',
  'ap',
  'the associated press',
  'associated press',
  'afp',
  'agence france-presse',
  'agence france presse',
  'efe',
  'agencia efe',
  'europa press',
  'dpa',
  'ansa',
  'agenzia ansa',
  'the canadian press',
  'canadian press',
  'cp',
  'pa',
  'pa media',
  'press association',
  'aap',
  'australian associated press',
  'thomson reuters',
  'afp-jiji',
  'jiji press',
  'xinhua',
  'upi',
  'ians',
  'pti',
  'bloomberg',
  'bloomberg news',
  'cnn',
  'bbc',
  'bbc news',
  'kyodo',
  'yonhap',
  'tass',
  'anadolu',
  'notimex',
  'apa',
  'sda',
  'kna',
  'epd',
  'agencias',
  'agencia',
  'redacción',
  'redaccion',
  'la redacción',
  'newsroom',
  'staff',
  'staff report',
  'staff reports',
  'staff writer',
  'staff writers',
  'reuters staff',
  'ap staff',
  'wire',
  'wire reports',
  'wire services',
  'news desk',
  'web desk',
  'editorial',
  'editorial board',
  'the editorial board',
  'editors',
  'the editors',
  'admin',
  'administrator',
  'guest',
  'guest author',
  'redaktion',
  'agenturen',
  'nachrichtenagentur',
]);

const ROLE_WORD =
  /\b(?:writer|reporter|editor|correspondent|columnist|contributor|producer|staff|photographer|journalist|redactor|redactora|corresponsal|periodista|editora|autor|autora|author|redakteur|redakteurin|analyst|intern|fellow|desk|team)s?\b/i;
const WEEKDAY_OR_MONTH =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|lunes|martes|jueves|viernes|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)$/i;

const PREFIX_RE =
  /^(?:(?:written|words|story|text|reporting|reported|photos?|video|compiled|interview)\s+by|by|por|escrito\s+por|texto\s+de|von|par|autor(?:a)?\s*:|author\s*:|text\s*:|texto\s*:|con\s+informaci[óo]n\s+de|with\s+(?:files|reporting)\s+from)\s+/i;
// Credits that name no author of the story: editors, translators, and "additional reporting" contributors.
const EDITOR_RE =
  /^(?:(?:additional\s+)?(?:editing|edited|editado|edición|fact[- ]checking|fact[- ]checked|produced|translated|traducido)\s+(?:by|por)|additional\s+(?:reporting|writing)\s+by|editor\s*:|editora\s*:)/i;
/** "Ana Ruiz in Madrid": the place a reporter filed from is not part of the name. */
const FILED_FROM_RE = /\s+(?:in|en|aus|from|desde)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}$/u;

export type NamePart = { kind: 'name'; name: string } | { kind: 'agency' } | { kind: 'invalid' };

/** Classifies one candidate author string. */
export function classifyName(raw: string): NamePart {
  const s = raw
    .replace(/^[\s"'“‘(]+|[\s"'”’)]+$/g, '')
    .replace(/^@/, '')
    .trim();
  if (!s) return { kind: 'invalid' };
  const low = s.toLowerCase();
  if (AGENCIES.has(low) || AGENCIES.has(low.replace(/^the\s+/, ''))) return { kind: 'agency' };
  if (ROLE_WORD.test(s)) return { kind: 'agency' };
  if (s.length > 60 || /\d|@|https?:|www\.|[!?;:]/.test(s)) return { kind: 'invalid' };
  const ws = words(s);
  if (ws.length === 0 || ws.length > 5) return { kind: 'invalid' };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (i > 0 && isParticle(w)) continue;
    // Capitalised word, initial ("J."), or all caps; hyphens/apostrophes inside are fine.
    if (!/^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(w)) return { kind: 'invalid' };
  }
  if (ws.length === 1 && WEEKDAY_OR_MONTH.test(s)) return { kind: 'invalid' };
  return { kind: 'name', name: naturalCaseName(s) };
}

/** Splits "A, B & C and D" into candidate names. */
function splitNames(s: string): string[] {
  return s
    .split(/\s*(?:,|;|&|\+|\/)\s*|\s+(?:and|y|e|und|et|with|con|mit)\s+/i)
    .map((p) => p.replace(FILED_FROM_RE, ''))
    .filter((p) => p.trim() !== '');
}

/** Parses a names list; null when any part is neither a name nor an agency/role. */
function parseNames(s: string, allowSingleWord: boolean): { authors: string[]; agencyOnly: boolean } | null {
  const parts = splitNames(s);
  if (parts.length === 0) return null;
  const authors: string[] = [];
  for (const p of parts) {
    const c = classifyName(p);
    if (c.kind === 'invalid') return null;
    if (c.kind === 'name') {
      if (!allowSingleWord && !c.name.includes(' ') && parts.length === 1) return null;
      if (!authors.includes(c.name)) authors.push(c.name);
    }
  }
  return { authors, agencyOnly: authors.length === 0 };
}

const READ_RE =
  /^(?:(\d{1,3})\s*(?:-\s*)?min(?:ute)?s?\.?\s*(?:read|de lectura|lectura|lesezeit|lecture)|(?:reading time|lectura|tiempo de lectura|lesezeit|lecture)\s*(?:de|:)?\s*(\d{1,3})\s*min(?:uto|ute)?s?\.?)$/i;

interface Segment {
  kind: 'date' | 'read' | 'names' | 'other';
  date?: string;
  isUpdate?: boolean;
  read?: number;
  text: string;
}

function classifySegment(seg: string): Segment {
  const text = seg.trim();
  const r = READ_RE.exec(text);
  if (r) return { kind: 'read', read: Number(r[1] ?? r[2]), text };
  const d = parseDateOnly(text);
  if (d) return { kind: 'date', date: d, isUpdate: /updated|actualizado|aktualisiert|mis à jour/i.test(text), text };
  return { kind: 'other', text };
}

function stripPrefix(s: string): string | null {
  const m = PREFIX_RE.exec(s);
  return m ? s.slice(m[0].length) : null;
}

const DATE_LEAD_RE = /(?:,\s*|\s+(?=(?:on|el|le|am|updated|published|actualizado|publicado)\b))/giu;

/**
 * Splits "NAMES, <date stuff>" at the first comma or date word after which everything up to the end is a date
 * (with weekday, time and time zone). Tries each cut point before the date once: linear in practice, lines are short.
 */
function trailingDateCut(rest: string, dateIndex: number): { names: string; date: string; isUpdate: boolean } | null {
  DATE_LEAD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_LEAD_RE.exec(rest)) !== null && m.index < dateIndex) {
    if (m[0] === '') DATE_LEAD_RE.lastIndex++;
    const names = rest.slice(0, m.index);
    if (!names.trim()) continue;
    const tail = rest.slice(m.index).replace(/^[\s,]+/, '');
    const d = parseDateOnly(tail);
    if (d) return { names, date: d, isUpdate: /^(?:updated|actualizado)\b/i.test(tail) };
  }
  // No separator: "By Ana Ruiz March 3, 2024".
  const d = parseDateOnly(rest.slice(dateIndex));
  const names = rest.slice(0, dateIndex).replace(/[\s,]+$/, '');
  return d && names ? { names, date: d, isUpdate: false } : null;
}

/** Parses a byline; null when the line is not one. */
export function parseByline(plain: string, inTop: boolean): RuleHit | null {
  if (plain.length > 250 || plain.length < 3) return null;
  let s = plain.replace(/^\((.*)\)$/, '$1').trim();
  // "Written by A Edited by B": make the editor credit its own segment.
  s = s.replace(/\s+(?=(?:edited|editing|editado)\s+(?:by|por)\b)/i, ' | ');

  // "Posted on August 19, 2023 by X" / "Publicado el 5 de febrero de 2025 por X"
  const posted = /^(?:posted|published|publicado|publicada)(?:\s+on|\s+el)?\s+(.{6,60}?)\s+(?:by|por)\s+(.{2,120})$/i.exec(s);
  if (posted) {
    const date = parseDateOnly(posted[1]);
    const names = parseNames(posted[2], true);
    if (date && names) return { authors: names.authors, date };
  }

  const segments = s.split(/\s*[|·•]\s*|\s+[—–-]\s+|\s*;\s*/).filter((x) => x.trim() !== '');
  if (segments.length === 0 || segments.length > 8) return null;

  const hit: RuleHit = {};
  const authors: string[] = [];
  let credit = false; // saw a by-prefix or editor credit
  let namesWithoutPrefix = 0;
  let others = 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (EDITOR_RE.test(seg)) {
      credit = true;
      continue;
    }
    const rest = stripPrefix(seg);
    if (rest !== null) {
      // "By X, Staff Writer, Updated 10:15 a.m. ET Feb 1, 2024": a date may trail the names after a comma or "on".
      let namesPart = rest;
      const f = findDate(rest);
      if (f) {
        const cut = trailingDateCut(rest, f.index);
        if (cut) {
          namesPart = cut.names;
          if (!hit.date) {
            hit.date = cut.date;
            if (cut.isUpdate) hit.dateIsUpdate = true;
          }
        }
      }
      const names = parseNames(namesPart, true);
      if (!names) return null;
      credit = true;
      for (const a of names.authors) if (!authors.includes(a)) authors.push(a);
      continue;
    }
    const c = classifySegment(seg);
    if (c.kind === 'date') {
      if (!hit.date || (hit.dateIsUpdate && !c.isUpdate)) {
        hit.date = c.date;
        hit.dateIsUpdate = c.isUpdate;
      }
      continue;
    }
    if (c.kind === 'read') {
      hit.readingTime = c.read;
      continue;
    }
    // A segment without prefix: names (near the top), an agency, or a short place/site name.
    if (words(seg).length > 6) return null;
    const names = parseNames(seg, true);
    if (names && !names.agencyOnly && i === 0) {
      namesWithoutPrefix++;
      for (const a of names.authors) if (!authors.includes(a)) authors.push(a);
      continue;
    }
    if (names && names.agencyOnly) {
      others++;
      continue;
    }
    if (/^[\p{Lu}\p{N}]/u.test(seg) && !/[.!?]$/.test(seg)) {
      others++;
      continue;
    }
    return null;
  }

  const hasMeta = hit.date !== undefined || hit.readingTime !== undefined;
  if (credit) {
    // "By …" alone must name someone or an agency; it was parsed above.
  } else if (namesWithoutPrefix > 0) {
    // "Lena Brook | Reuters | 2024-06-01": only near the top and only with a date.
    if (!inTop || hit.date === undefined) return null;
  } else if (hasMeta) {
    // A date/reading-time line: "Published 14 Nov 2022" anywhere; a bare date only near the top.
    const explicit =
      /^(?:published|updated|posted|publicado|actualizado|veröffentlicht|aktualisiert|publié|mis à jour|fecha|date|datum)\b/i.test(s);
    // "3 March 2024 | 4 min read": a reading time is page furniture wherever it stands.
    if (!explicit && !inTop && hit.readingTime === undefined) return null;
    if (others > 0 && !inTop) return null;
  } else {
    return null;
  }
  if (authors.length > 0) hit.authors = authors;
  return hit;
}

const CREDIT_HINT =
  /^\(?\s*(?:by|por|von|par|written|words|story|text|texto|reporting|con información|con informacion|with files|with reporting|reported|photos?|video|compiled|interview|escrito|autora?|author|posted|published|publicado|publicada|updated|actualizado|veröffentlicht|aktualisiert|publié|mis à jour|fecha|date|datum|editing|edited|editado|edición|fact|produced|translated|traducido|additional|editor|editora)\b|[|·•]\s*(?:by|por)\s/i;

export const bylineRule: LineRule = {
  id: 'byline',
  description:
    'Parses credit lines ("By …", "Por …", "Posted on … by …", dates, "4 min read") into authors, date and reading time, and removes them.',
  defaultEnabled: true,
  match(line) {
    if (line.isHeading || line.plain.length > 250) return null;
    // Below the top only explicit credits count; a cheap test spares body paragraphs the full parse.
    if (!line.inTop && !CREDIT_HINT.test(line.plain)) return null;
    return parseByline(line.plain, line.inTop);
  },
};
