import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { generate } from '@strapi/openapi';
import { errors } from '@strapi/utils';
import { finishDocument, type OpenApiDocument } from '../../../openapi/document';

type Ctx = { body: unknown; type: string; set(name: string, value: string): void; params: Record<string, string> };

/** The files the documentation page loads, all same-origin (the security middleware's CSP allows no inline script). */
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'application/javascript; charset=utf-8' },
};

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: document.body.dataset.spec, dom_id: '#swagger-ui', deepLinking: true });
});
`;

const page = (prefix: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsroom CMS API</title>
<link rel="stylesheet" href="${prefix}/docs/swagger-ui.css">
</head>
<body data-spec="${prefix}/openapi.json">
<div id="swagger-ui"></div>
<script src="${prefix}/docs/swagger-ui-bundle.js"></script>
<script src="${prefix}/docs/init.js"></script>
</body>
</html>
`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let document: OpenApiDocument | undefined;
  const apiPrefix = () => (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
  const assetsDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  /** Read once: the same Buffer each time also keeps its ETag computed once (src/middlewares/http-cache). */
  const loaded = new Map<string, Buffer>();

  return {
    /** `GET /api/openapi.json`. Generated once per process (it takes a few hundred ms): routes do not change while it runs. */
    async document(ctx: Ctx) {
      if (!document) {
        const { version } = JSON.parse(fs.readFileSync(path.join(strapi.dirs.app.root, 'package.json'), 'utf8')) as { version: string };
        const generated = generate(strapi, { type: 'content-api' }).document as unknown as OpenApiDocument;
        document = finishDocument(generated, { version, apiPrefix: apiPrefix() });
      }
      ctx.body = document;
    },

    /** `GET /api/docs`: Swagger UI on the document. */
    async page(ctx: Ctx) {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = page(apiPrefix());
    },

    async asset(ctx: Ctx) {
      if (ctx.params.asset === 'init.js') {
        ctx.type = 'application/javascript; charset=utf-8';
        ctx.body = INITIALIZER;
        return;
      }
      const asset = Object.hasOwn(ASSETS, ctx.params.asset) ? ASSETS[ctx.params.asset] : undefined;
      if (!asset) throw new errors.NotFoundError(`asset: no such file (${Object.keys(ASSETS).concat('init.js').join(', ')})`);
      ctx.type = asset.type;
      let bytes = loaded.get(asset.file);
      if (!bytes) loaded.set(asset.file, (bytes = await fs.promises.readFile(path.join(assetsDir, asset.file))));
      ctx.body = bytes;
    },
  };
};
