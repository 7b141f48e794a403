/**
 * Finishing touches on the OpenAPI document Strapi generates from the routes and the content types
 * (`@strapi/openapi`): it describes every content-API route with the schemas the routes declare, but it
 * takes documentIds for UUIDs, stamps the generation time as a default, has no servers, and only knows JSON
 * answers. These edits are plain data in, data out.
 */

type Json = Record<string, unknown>;

export interface OpenApiDocument extends Json {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json>>;
  components?: { schemas?: Json; securitySchemes?: Json };
}

/** Routes anyone may call without credentials (the public role's grants, and the documentation itself). */
export const PUBLIC_OPERATIONS: Array<[method: string, path: string]> = [
  ['get', '/articles'],
  ['get', '/articles/{id}'],
  ['get', '/articles/search'],
  ['get', '/authors'],
  ['get', '/authors/{id}'],
  ['get', '/tags'],
  ['get', '/tags/{id}'],
  ['get', '/sources'],
  ['get', '/sources/{id}'],
  ['get', '/feeds/articles.rss'],
  ['get', '/feeds/articles.atom'],
  ['get', '/feeds/articles.json'],
  ['get', '/openapi.json'],
  ['get', '/docs'],
  ['get', '/docs/{asset}'],
];

/** Answers that are not JSON: their media type and what they are. */
const OTHER_ANSWERS: Record<string, { type: string; description: string }> = {
  '/feeds/articles.rss': { type: 'application/rss+xml', description: 'RSS 2.0 feed of the newest published articles' },
  '/feeds/articles.atom': { type: 'application/atom+xml', description: 'Atom 1.0 feed of the newest published articles' },
  '/feeds/articles.json': { type: 'application/feed+json', description: 'JSON Feed 1.1 of the newest published articles' },
  '/openapi.json': { type: 'application/json', description: 'This document' },
  '/docs': { type: 'text/html', description: 'A page to read this document (Swagger UI)' },
  '/docs/{asset}': { type: 'application/octet-stream', description: "The documentation page's script and style sheet" },
};

const FEED_FILTERS = ['tag', 'source', 'author'].map((name) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description: `A narrower feed: only articles with this ${name} (its slug)`,
}));

const ERROR_ENVELOPE = {
  type: 'object',
  description: "Strapi's error envelope; details.field names the bad field or parameter",
  properties: {
    data: { type: 'null' },
    error: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        name: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
      required: ['status', 'name', 'message'],
    },
  },
  required: ['data', 'error'],
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strapi describes documentIds as UUIDs; they are 24-character cuid2 strings, so a client would refuse them. */
function fixSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(fixSchemas);
    return;
  }
  if (!isObject(node)) return;
  if (node.format === 'uuid' && typeof node.pattern === 'string') {
    delete node.format;
    delete node.pattern;
    node.description = 'A documentId';
  }
  // A datetime default is the moment the document was generated, not a property of the API.
  if (typeof node.default === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(node.default)) delete node.default;
  Object.values(node).forEach(fixSchemas);
}

export function finishDocument(generated: OpenApiDocument, options: { version: string; apiPrefix: string }): OpenApiDocument {
  const document = structuredClone(generated);
  fixSchemas(document);
  document.info = {
    title: 'Newsroom CMS API',
    version: options.version,
    description:
      'Published articles, authors, tags and sources for frontends (public, no token: drafts and private fields never ' +
      'appear), full-text search, feeds, and the import and preview APIs for importers (API token). Errors use ' +
      "Strapi's envelope `{ data: null, error: { status, name, message, details } }`.",
  };
  document.servers = [{ url: options.apiPrefix }];
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, Error: ERROR_ENVELOPE };
  components.securitySchemes = {
    ...components.securitySchemes,
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API token (Settings → API Tokens, or `npm run token`), or a users-permissions JWT',
    },
  };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      const responses = operation.responses as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        if (/^[45]/.test(status) && !response.content) {
          response.content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
        }
      }
      responses['503'] = {
        description: 'The database cannot be reached; try again after Retry-After seconds',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const other = OTHER_ANSWERS[path];
    if (other && item.get) {
      const responses = item.get.responses as Record<string, Json>;
      responses['200'] = {
        description: other.description,
        content: { [other.type]: { schema: other.type === 'application/json' ? { type: 'object' } : { type: 'string' } } },
      };
      if (path.startsWith('/feeds/')) item.get.parameters = FEED_FILTERS;
      if (path === '/docs/{asset}') item.get.parameters = [{ name: 'asset', in: 'path', required: true, schema: { type: 'string' } }];
    }
  }
  for (const [method, path] of PUBLIC_OPERATIONS) {
    const operation = document.paths[path]?.[method];
    // Empty requirement first: no credentials needed; a token is accepted (and may see drafts with status=draft).
    if (operation) operation.security = [{}, { bearerAuth: [] }];
  }
  return document;
}
