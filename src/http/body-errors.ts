import { errors } from '@strapi/utils';

type BodyError = Error & { status?: number; statusCode?: number; type?: string; code?: string; limit?: number; expose?: boolean };

/** zlib and brotli report a body that is not what its Content-Encoding says with codes like these. */
const DECODING_ERROR = /^(Z_|ERR__ERROR_FORMAT|ERR_BROTLI|ERR_ZLIB|ERR__)/;

/**
 * koa-body's `onError`: a request body that cannot be read becomes a refusal in Strapi's error envelope,
 * `details.field` included, rather than a 500 (a body that is not valid gzip) or an envelope without details
 * (invalid JSON, a `__proto__` key, too large). Nothing has been read, so nothing is written.
 */
export function refuseUnreadableBody(error: BodyError, ctx: { get(name: string): string }): never {
  const status = error.status ?? error.statusCode;
  const encoding = ctx.get('Content-Encoding');
  if (status === 413 || error.type === 'entity.too.large') {
    throw new errors.PayloadTooLargeError(`body: is larger than the limit of ${error.limit ?? '?'} bytes`, {
      field: 'body',
      limit: error.limit,
    });
  }
  if (status === 415 || error.type === 'encoding.unsupported') {
    const unsupported = Object.assign(new Error(`Content-Encoding: "${encoding}" is not supported (use gzip, deflate, br or none)`), {
      status: 415,
      expose: true,
      name: 'UnsupportedMediaTypeError',
      details: { field: 'Content-Encoding' },
    });
    throw unsupported;
  }
  if ((typeof error.code === 'string' && DECODING_ERROR.test(error.code)) || (encoding && !status)) {
    throw new errors.ValidationError(`body: is not valid ${encoding || 'encoded'} data (${error.code ?? 'cannot be decoded'})`, {
      field: 'Content-Encoding',
    });
  }
  if (status && status >= 400 && status < 500) {
    throw new errors.ValidationError(`body: cannot be read (${error.message})`, { field: 'body' });
  }
  // Anything else (a socket error while reading, say) is not the client's input: let Strapi answer it.
  throw error;
}
