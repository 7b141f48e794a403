import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** Example documents shipped with the project, written by us in the shape of a scraped wire story. */
export const EXAMPLES_DIR = path.join('src', 'plugins', 'content-normalizer', 'fixtures');
const EXAMPLE_EXTENSIONS = new Set(['.txt', '.md', '.html']);

export interface ExampleDocument {
  externalId: string;
  kind: 'text' | 'html';
  content: string;
}

export function readExampleDocuments(appRoot: string): ExampleDocument[] {
  const dir = path.join(appRoot, EXAMPLES_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => EXAMPLE_EXTENSIONS.has(path.extname(file)))
    .sort()
    .map((file) => ({
      externalId: `example/${file}`,
      kind: path.extname(file) === '.html' ? ('html' as const) : ('text' as const),
      content: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/**
 * On first start against an empty database, loads and publishes the example articles so a new user
 * sees content at once. Goes through the content-normalizer's importer, like any other import.
 * Set SEED_EXAMPLES=false to start empty.
 */
export async function loadExampleContent(strapi: Core.Strapi): Promise<void> {
  if (process.env.SEED_EXAMPLES === 'false') return;
  const existing = await strapi.db.query('api::article.article').count();
  if (existing > 0) return;

  const documents = readExampleDocuments(strapi.dirs.app.root);
  if (documents.length === 0) return;

  const importer = strapi.plugin('content-normalizer')?.service('importer');
  const items = documents.map((doc) => ({
    [doc.kind]: doc.content,
    externalId: doc.externalId,
    status: 'published' as const,
  }));
  const result = await importer.importItems(items);
  const failed = result.data.filter((entry: { status: string }) => entry.status === 'failed');
  for (const entry of failed) strapi.log.warn(`Example not loaded: ${JSON.stringify(entry.error)}`);
  strapi.log.info(`Loaded ${items.length - failed.length} example article(s).`);
}
