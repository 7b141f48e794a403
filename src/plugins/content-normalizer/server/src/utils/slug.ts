import { createHash } from 'crypto';
import slugify from 'slugify';

/** Collapses whitespace and Unicode variants so "Jane  Doe" and "Jane Doe" are one author. */
export function cleanName(raw: string): string {
  return String(raw).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * The slug of an author or source name. Names slugify cannot transliterate (Thai, Japanese…) get a
 * stable hash so that no row ends up with an empty slug.
 */
export function slugOfName(name: string, prefix: string): string {
  const slug = slugify(name, { lower: true, strict: true, trim: true });
  if (slug) return slug.slice(0, 190);
  return `${prefix}-${createHash('sha1').update(name.toLowerCase()).digest('hex').slice(0, 10)}`;
}
