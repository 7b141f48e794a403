/**
 * An explicit, tested fix to yup 0.32 (the version Strapi 5.54's entity validator uses), installed once at
 * start (src/index.ts, register).
 *
 * yup 0.32 runs an async validation test as `Promise.resolve(test(...)).then(onResult)`, with no rejection
 * handler. Strapi's unique and uid checks are async tests that query the database; when that query fails (a
 * PostgreSQL restart kills the connection), the rejection is unhandled — which ends a Node process — and the
 * validation never completes, so the request hangs. yup 1.x handles it; Strapi 5.54 pins 0.32.
 *
 * The fix wraps each test yup builds: a rejection of an async test becomes a resolved marker, which yup passes
 * on as the test's value, and the wrapper turns it back into the error the validation fails with. The
 * validation then rejects with the database's own error (a 503 for the client, see database-errors), like any
 * other failure. yup looks `createValidation` up on its module at every use, so replacing it there suffices.
 */

type Callback = (error: unknown, value?: unknown) => void;
type Validate = ((this: unknown, args: unknown, cb: Callback) => unknown) & { OPTIONS?: unknown };
interface ValidationConfig {
  test: (this: unknown, ...args: unknown[]) => unknown;
  [key: string]: unknown;
}

/** What a rejected async test resolves to instead. */
class Rejected {
  constructor(readonly error: unknown) {}
}

const INSTALLED = Symbol.for('newsroom.yup-async-rejections');

export function installYupAsyncRejectionFix(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require('yup/lib/util/createValidation') as { default: ((config: ValidationConfig) => Validate) & { [INSTALLED]?: true } };
  if (module.default[INSTALLED]) return;
  const createValidation = module.default;

  const fixed = (config: ValidationConfig): Validate => {
    const test = config.test;
    const validate = createValidation({
      ...config,
      test(this: unknown, ...args: unknown[]) {
        const result = test.apply(this, args) as { then?: unknown } | undefined;
        if (result && typeof result.then === 'function') {
          return (result as Promise<unknown>).then(
            (value) => value,
            (error) => new Rejected(error),
          );
        }
        return result;
      },
    });
    const wrapped: Validate = function (this: unknown, args, cb) {
      return validate.call(this, args, (error, value) => (value instanceof Rejected ? cb(value.error) : cb(error, value)));
    };
    wrapped.OPTIONS = validate.OPTIONS;
    return wrapped;
  };
  module.default = Object.assign(fixed, { [INSTALLED]: true as const });
}
