import { errors } from '@strapi/utils';
import { stripUnsafeCharacters } from '../core/text';
import type { GivenFields, RawDocument } from './articles';

/** One import item, validated: exactly one document kind plus optional given fields. */
export interface ImportItem {
  raw: RawDocument;
  /** Which field carried the document (`text`, `html` or `body`): errors about it name this field. */
  field: 'text' | 'html' | 'body';
  given: GivenFields;
  externalId?: string;
  status: 'draft' | 'published';
  /** What reading the item changed without refusing it (characters stripped), reported with the engine's problems. */
  problems: Array<{ code: string; field: string; message: string }>;
}

export interface ItemLimits {
  maxDocumentLength: number;
  maxTagsPerArticle: number;
}

const ITEM_FIELDS = new Set([
  'text',
  'html',
  'body',
  'title',
  'authors',
  'tags',
  'source',
  'url',
  'externalId',
  'publishedDate',
  'status',
  'excerpt',
]);
const DOCUMENT_FIELDS = ['text', 'html', 'body'] as const;
const MAX_NAMES = 50;
const MAX_NAME_LENGTH = 200;
const MAX_TAG_LENGTH = 64;

class ItemError extends errors.ValidationError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { field });
  }
}

/** Strips what a database or a browser would choke on (the engine's own rule: core/text.ts). */
const cleanString = (value: string): string => stripUnsafeCharacters(value);

function stringField(item: Record<string, unknown>, field: string, maxLength: number): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ItemError(field, `must be a string, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  if (value.length > maxLength) throw new ItemError(field, `is longer than ${maxLength} characters`);
  return cleanString(value);
}

function nameList(item: Record<string, unknown>, field: string, maxItems: number, maxLength: number): string[] | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ItemError(field, 'must be an array of strings');
  if (value.length > maxItems) throw new ItemError(field, `has ${value.length} entries; at most ${maxItems} are accepted`);
  return value.map((entry, index) => {
    if (typeof entry !== 'string') throw new ItemError(`${field}[${index}]`, 'must be a string');
    if (entry.length > maxLength) throw new ItemError(`${field}[${index}]`, `is longer than ${maxLength} characters`);
    return cleanString(entry);
  });
}

function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1000;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks one item of `data`; throws a ValidationError naming the first bad field. */
export function parseImportItem(value: unknown, limits: ItemLimits): ImportItem {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ItemError('data', 'each item must be an object');
  const item = value as Record<string, unknown>;

  const unknown = Object.keys(item).filter((key) => !ITEM_FIELDS.has(key));
  if (unknown.length) throw new ItemError(unknown[0], `is not a known field (known: ${[...ITEM_FIELDS].join(', ')})`);

  const present = DOCUMENT_FIELDS.filter((field) => item[field] !== undefined && item[field] !== null);
  if (present.length === 0) throw new ItemError('text', 'one of text, html or body is required');
  if (present.length > 1) throw new ItemError(present[1], `give only one of text, html or body (got ${present.join(' and ')})`);
  const kind = present[0];
  const content = stringField(item, kind, limits.maxDocumentLength) ?? '';
  const original = item[kind] as string;
  const problems =
    content === original
      ? []
      : [
          {
            code: 'stripped-characters',
            field: kind,
            message: `${kind}: control characters were removed and unpaired surrogates replaced with U+FFFD`,
          },
        ];
  if (!content.trim()) throw new ItemError(kind, 'must not be empty');

  const status = item.status ?? 'draft';
  if (status !== 'draft' && status !== 'published') throw new ItemError('status', 'must be "draft" or "published"');

  const publishedDate = stringField(item, 'publishedDate', 40);
  if (publishedDate !== undefined && !isValidDate(publishedDate))
    throw new ItemError('publishedDate', `"${publishedDate}" is not a valid date (use YYYY-MM-DD)`);

  const url = stringField(item, 'url', 2048);
  if (url !== undefined && !isHttpUrl(url)) throw new ItemError('url', 'must be an absolute http(s) URL');

  let source: GivenFields['source'];
  if (typeof item.source === 'string') {
    source = { name: stringField(item, 'source', MAX_NAME_LENGTH)! };
  } else if (item.source && typeof item.source === 'object' && !Array.isArray(item.source)) {
    const given = item.source as Record<string, unknown>;
    const extra = Object.keys(given).find((key) => key !== 'name' && key !== 'url');
    if (extra) throw new ItemError(`source.${extra}`, 'is not a known field (known: name, url)');
    const name = stringField(given, 'name', MAX_NAME_LENGTH);
    if (!name?.trim()) throw new ItemError('source.name', 'is required');
    const sourceUrl = stringField(given, 'url', 2048);
    if (sourceUrl !== undefined && !isHttpUrl(sourceUrl)) throw new ItemError('source.url', 'must be an absolute http(s) URL');
    source = { name, url: sourceUrl };
  } else if (item.source !== undefined && item.source !== null) {
    throw new ItemError('source', 'must be a name or { name, url }');
  }
  if (source && !source.name.trim()) throw new ItemError('source', 'must not be empty');

  const title = stringField(item, 'title', 300);
  const externalId = stringField(item, 'externalId', 512);
  if (externalId !== undefined && !externalId.trim()) throw new ItemError('externalId', 'must not be empty');

  return {
    raw: kind === 'html' ? { html: content } : { text: content },
    field: kind,
    given: {
      title: title?.trim() ? title : undefined,
      authors: nameList(item, 'authors', MAX_NAMES, MAX_NAME_LENGTH),
      tags: nameList(item, 'tags', limits.maxTagsPerArticle, MAX_TAG_LENGTH),
      source,
      url,
      publishedDate: publishedDate?.slice(0, 10),
      excerpt: stringField(item, 'excerpt', 1000),
    },
    externalId,
    status,
    problems,
  };
}
