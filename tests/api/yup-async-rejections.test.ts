/**
 * yup 0.32 leaves a rejected async validation test unhandled and never finishes the validation; Strapi's
 * unique checks are such tests. After the fix, the validation fails with the test's error.
 */
import * as yup from 'yup';
import { installYupAsyncRejectionFix } from '../../src/patches/yup-async-rejections';

describe('yup async test rejections', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  const schema = () =>
    yup.object({
      slug: yup.string().test('unique', 'must be unique', async () => {
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
      }),
      externalId: yup.string().test('unique', 'must be unique', async () => true),
      title: yup.string().required(),
    });

  it('fails the validation with the error a test rejected with, leaving nothing unhandled', async () => {
    installYupAsyncRejectionFix();
    installYupAsyncRejectionFix(); // idempotent
    await expect(schema().validate({ slug: 'a', externalId: 'b', title: 't' }, { abortEarly: false })).rejects.toMatchObject({
      code: '57P01',
      message: 'Connection terminated unexpectedly',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });

  it('leaves ordinary validation as it was: passing, and failing with a ValidationError', async () => {
    installYupAsyncRejectionFix();
    const ok = yup.object({ a: yup.string().test('async', 'no', async (v) => v === 'yes') });
    await expect(ok.validate({ a: 'yes' })).resolves.toEqual({ a: 'yes' });
    const err = await ok.validate({ a: 'nope' }, { abortEarly: false }).catch((e: unknown) => e);
    expect(yup.ValidationError.isError(err)).toBe(true);
    expect((err as yup.ValidationError).errors).toEqual(['no']);
    await expect(yup.object({ t: yup.string().required() }).validate({})).rejects.toThrow('t is a required field');
  });
});
