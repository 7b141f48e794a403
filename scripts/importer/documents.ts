import fs from 'fs';
import path from 'path';
import type { PublishStatus } from './options';

/** An item in the import API's shape; the server validates the fields, we only fill defaults. */
export type ImportItem = Record<string, unknown>;

/** One document to send, or a file we could not turn into one (reported and skipped). */
export type WorkUnit =
  | { origin: string; externalId?: string; item: ImportItem; extra?: boolean }
  | { origin: string; error: string; extra?: boolean };

export interface ItemDefaults {
  status?: PublishStatus;
  source?: string;
}

const KINDS: Record<string, 'text' | 'html' | 'json'> = {
  '.txt': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
};

const kindOf = (file: string) => KINDS[path.extname(file).toLowerCase()];

const toPosix = (p: string) => p.split(path.sep).join('/');

interface FoundFile {
  file: string;
  /** Path relative to the PATH it was found under, which becomes the default externalId. */
  relative: string;
}

/**
 * Walks PATHs depth-first, yielding supported files one at a time: directories are read through
 * opendir's iterator so neither a 50,000-entry folder nor the whole tree is ever held in memory.
 * Hidden entries (.git, .DS_Store…) are skipped; symlinked folders are not followed (no cycles).
 */
export async function* walk(root: string): AsyncGenerator<FoundFile | { file: string; error: string }> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(root);
  } catch (error) {
    yield { file: root, error: reasonOf(error) };
    return;
  }
  if (!stat.isDirectory()) {
    // A file named on the command line: its "path relative to itself" is its name.
    yield { file: root, relative: path.basename(root) };
    return;
  }
  yield* walkDir(root, root);
}

async function* walkDir(root: string, dir: string): AsyncGenerator<FoundFile | { file: string; error: string }> {
  let handle: fs.Dir;
  try {
    handle = await fs.promises.opendir(dir);
  } catch (error) {
    yield { file: dir, error: reasonOf(error) };
    return;
  }
  for await (const entry of handle) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    let isFile = entry.isFile();
    if (entry.isSymbolicLink())
      isFile = await fs.promises.stat(full).then(
        (s) => s.isFile(),
        () => false,
      );
    if (entry.isDirectory()) yield* walkDir(root, full);
    else if (isFile && kindOf(entry.name)) yield { file: full, relative: toPosix(path.relative(root, full)) };
  }
}

/** Counts what walk() would yield, for the progress total; runs alongside the import. */
export async function countFiles(paths: string[]): Promise<number> {
  let count = 0;
  for (const root of paths) {
    if (root === '-') {
      count += 1;
      continue;
    }
    for await (const _ of walk(root)) count += 1;
  }
  return count;
}

export function reasonOf(error: unknown): string {
  const err = error as { code?: string; message?: string };
  return err?.message ?? String(error);
}

function withDefaults(item: ImportItem, externalId: string | undefined, defaults: ItemDefaults): ImportItem {
  // The item's own fields win: a JSON export that says "published" knows better than a command-line default.
  const out: ImportItem = { ...item };
  if (out.externalId === undefined && externalId !== undefined) out.externalId = externalId;
  if (out.status === undefined && defaults.status) out.status = defaults.status;
  if (out.source === undefined && defaults.source) out.source = defaults.source;
  return out;
}

const looksLikeHtml = (text: string) => /^\s*(<!doctype html|<html[\s>])/i.test(text);

/** Turns one found file into work units: one for text/HTML, one per item for JSON. */
async function* unitsOfFile(found: FoundFile, defaults: ItemDefaults): AsyncGenerator<WorkUnit> {
  const kind = kindOf(found.file);
  if (!kind) {
    yield { origin: found.file, error: `unsupported file type "${path.extname(found.file)}" (use .txt, .md, .html, .htm or .json)` };
    return;
  }
  let content: string;
  try {
    content = await fs.promises.readFile(found.file, 'utf8');
  } catch (error) {
    yield { origin: found.file, error: `cannot read: ${reasonOf(error)}` };
    return;
  }
  if (kind !== 'json') {
    if (!content.trim()) {
      yield { origin: found.file, error: 'the file is empty' };
      return;
    }
    yield { origin: found.file, externalId: found.relative, item: withDefaults({ [kind]: content }, found.relative, defaults) };
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    yield { origin: found.file, error: `invalid JSON: ${reasonOf(error)}` };
    return;
  }
  const isItem = (value: unknown): value is ImportItem => !!value && typeof value === 'object' && !Array.isArray(value);
  if (isItem(parsed)) {
    yield { origin: found.file, externalId: found.relative, item: withDefaults(parsed, found.relative, defaults) };
    return;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    yield { origin: found.file, error: 'a .json file must hold one item object or a non-empty array of items' };
    return;
  }
  for (let index = 0; index < parsed.length; index++) {
    const value: unknown = parsed[index];
    const origin = `${found.file}[${index}]`;
    // Array items without their own externalId get "file#index" so re-runs still match them.
    const externalId = `${found.relative}#${index}`;
    // The counting walk counted the file once; "extra" tells the progress total about its other items.
    const extra = index > 0;
    if (isItem(value)) yield { origin, externalId, item: withDefaults(value, externalId, defaults), extra };
    else yield { origin, error: 'the array entry is not an item object', extra };
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Every document under the PATHs, lazily, in walk order. */
export async function* documents(paths: string[], defaults: ItemDefaults): AsyncGenerator<WorkUnit> {
  for (const root of paths) {
    if (root === '-') {
      const content = await readStdin();
      if (!content.trim()) yield { origin: '(stdin)', error: 'standard input is empty' };
      // No path, so no default externalId: the API matches stdin documents by url or content hash.
      else yield { origin: '(stdin)', item: withDefaults({ [looksLikeHtml(content) ? 'html' : 'text']: content }, undefined, defaults) };
      continue;
    }
    for await (const found of walk(root)) {
      if ('error' in found) yield { origin: found.file, error: found.error };
      else yield* unitsOfFile(found, defaults);
    }
  }
}
