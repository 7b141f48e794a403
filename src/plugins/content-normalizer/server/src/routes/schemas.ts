import * as z from 'zod/v4';

/**
 * The import and preview APIs' request and answer shapes, for the OpenAPI document Strapi generates from the
 * routes (`GET /api/openapi.json`). Descriptive only: the controllers validate requests themselves, field by
 * field, so that an error names the field the way importers' scripts expect.
 */

const problem = z
  .object({ code: z.string().optional(), message: z.string() })
  .catchall(z.unknown())
  .describe('A non-fatal finding: a dropped tag, stripped characters, a capped nesting depth…');

const removedLine = z.object({
  line: z.number().int().describe('1-based line number in the input (for HTML: in the Markdown the page became)'),
  text: z.string(),
  rule: z.string().describe('The rule that removed the line, e.g. `ad-line` or `custom:…`'),
});

const itemFields = {
  title: z.string().max(300).optional().describe('Wins over the title parsed from the document'),
  authors: z.array(z.string().max(200)).max(50).optional().describe('Author names; win over a parsed byline'),
  tags: z.array(z.string().max(64)).optional().describe('Tag names; win over a parsed keyword line'),
  source: z
    .union([z.string().max(200), z.object({ name: z.string().max(200), url: z.url().optional() })])
    .optional()
    .describe('The source by name, or { name, url }'),
  url: z.url().max(2048).optional().describe("The document's canonical http(s) URL; matches an earlier import"),
  publishedDate: z.string().max(40).optional().describe('YYYY-MM-DD (a time part is accepted and dropped)'),
  excerpt: z.string().max(1000).optional(),
};

const documentFields = {
  text: z.string().optional().describe('Plain text or Markdown'),
  html: z.string().optional().describe('A whole web page'),
  body: z.string().optional().describe('Same as text'),
};

export const importItem = z
  .object({
    ...documentFields,
    ...itemFields,
    externalId: z.string().max(512).optional().describe('Your own id for the document: the same id again updates it'),
    status: z.enum(['draft', 'published']).optional().describe('Default: draft'),
  })
  .strict()
  .describe('Exactly one of text, html or body, and optional given fields');

export const importRequest = z.object({
  data: z.union([importItem, z.array(importItem).min(1).max(100)]).describe('One item, or a batch of at most 100'),
  transaction: z
    .enum(['item', 'batch'])
    .optional()
    .describe(
      '`item` (default): each item in its own transaction, a bad item fails alone. `batch`: all items in one transaction, stored whole or not at all; an invalid item refuses the request (400)',
    ),
});

const itemResult = z.object({
  status: z.enum(['created', 'updated', 'unchanged', 'failed']),
  documentId: z.string().optional(),
  slug: z.string().optional(),
  removed: z
    .array(removedLine)
    .optional()
    .describe("Every line the cleaner removed, with its rule (`source-boilerplate`: a line the source's memory learned)"),
  removedCount: z.number().int().optional().describe('How many lines the cleaner removed'),
  problems: z.array(problem).optional(),
  error: z
    .object({
      name: z.string().describe('ValidationError, or ServiceUnavailableError (retryable)'),
      message: z.string(),
      details: z
        .object({ field: z.string().optional(), code: z.string().optional(), retryable: z.boolean().optional() })
        .catchall(z.unknown())
        .optional(),
    })
    .optional()
    .describe('Why a failed item failed; details.field names the field'),
});

export const importResponse = z.object({
  data: z.array(itemResult).describe('One result per item, in the order sent'),
  meta: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), failed: z.number().int() }),
});

export const previewRequest = z.object({
  data: z.object({ ...documentFields, ...itemFields }).strict(),
});

export const previewResponse = z.object({
  data: z.object({
    title: z.string(),
    body: z.string().describe('The clean body, as sanitized Markdown'),
    authors: z.array(z.string()),
    publishedDate: z.string().nullable(),
    readingTimeMinutes: z.number().int(),
    wordCount: z.number().int(),
    language: z.string(),
    tags: z.array(z.object({ name: z.string(), slug: z.string() })),
    removed: z
      .array(removedLine)
      .describe("Every line removed, with the rule that removed it (`source-boilerplate`: a line the source's memory learned)"),
    problems: z.array(problem),
  }),
});
