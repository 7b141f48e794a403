import { randomBytes } from 'crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A documentId in Strapi's shape (24 lower-case alphanumerics, starting with a letter) for rows the
 * taxonomy service inserts itself with `ON CONFLICT DO NOTHING`, which Strapi's query layer cannot express.
 */
export function createDocumentId(): string {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}
