/**
 * The explicit fixes in src/patches, each on the real library it fixes (no Strapi boot): the failures they
 * handle would otherwise be unhandled rejections, which end a Node process.
 */
import { cacheStatements } from '../../src/patches/statement-cache';
import * as yup from 'yup';
import { installYupAsyncRejectionFix } from '../../src/patches/yup-async-rejections';
import { installCommitCallbackFix } from '../../src/patches/commit-callbacks';
import { installConnectionInitFix } from '../../src/patches/connection-init';
import { installTransactionCommitFix } from '../../src/patches/transaction-commit';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('yup async test rejections (Strapi unique checks)', () => {
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
    await settle();
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

describe('transaction commit callbacks (Strapi reads entries back after a commit to emit events)', () => {
  it('a callback that fails after the commit is logged, not left unhandled; the others still run', async () => {
    const warnings: string[] = [];
    installCommitCallbackFix({ warn: (message) => warnings.push(message) });
    installCommitCallbackFix({ warn: () => undefined }); // idempotent
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { transactionCtx } = require('@strapi/database/dist/transaction-context.js');
    let committed = false;
    const ran: string[] = [];
    const trx = { commit: async () => void (committed = true), rollback: async () => undefined, isCompleted: () => committed };
    await transactionCtx.run(trx, async () => {
      transactionCtx.onCommit(async () => {
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
      });
      transactionCtx.onCommit(() => ran.push('second'));
      await transactionCtx.commit(trx);
    });
    await settle();
    expect(committed).toBe(true);
    expect(ran).toEqual(['second']);
    expect(unhandled).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/after a commit failed \(Connection terminated unexpectedly\); the commit itself stands/),
    ]);
  });
});

describe('connection set-up (Strapi runs SET search_path on every new connection)', () => {
  it('a connection that fails while being set up is marked dead for the pool, and nothing is left unhandled', async () => {
    const warnings: string[] = [];
    const failure = Object.assign(new Error('Client has encountered a connection error and is not queryable'), { code: '57P01' });
    const db = {
      dialect: {
        initialize: async (connection: { ok?: boolean }) => {
          if (!connection.ok) throw failure;
        },
      },
    };
    installConnectionInitFix(db, { warn: (message) => warnings.push(message) });
    const broken: { ok?: boolean; __knex__disposed?: unknown } = {};
    const healthy: { ok?: boolean; __knex__disposed?: unknown } = { ok: true };
    // Strapi calls it as `initialize(conn).then(() => done(null, conn))`, with no rejection handler.
    const done: unknown[] = [];
    for (const connection of [broken, healthy]) db.dialect.initialize(connection).then(() => done.push(connection));
    await settle();
    expect(done).toEqual([broken, healthy]);
    expect(broken.__knex__disposed).toBe(failure);
    expect(healthy.__knex__disposed).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });
});

describe('transaction commit (knex resolves commit() even when the COMMIT failed)', () => {
  it('a COMMIT the database refused fails the commit, and no after-commit work runs; a good one still succeeds', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const knexFactory = require('knex');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { transactionCtx } = require('@strapi/database/dist/transaction-context.js');
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      installTransactionCommitFix();
      installTransactionCommitFix(); // idempotent
      await knex.schema.createTable('t', (table: { integer(name: string): void }) => table.integer('v'));
      // As Strapi's Database#transaction does: a provider transaction, committed through the transaction context.
      const write = async (v: number, refuseCommit: boolean) => {
        const trx = await knex.transaction();
        const after: number[] = [];
        await transactionCtx.run(trx, async () => {
          transactionCtx.onCommit(() => after.push(v));
          await trx('t').insert({ v });
          if (refuseCommit) {
            // The COMMIT statement is refused, as on a connection killed just before it.
            const query = trx.client.query.bind(trx.client);
            trx.client.query = (connection: unknown, sql: unknown) =>
              /^COMMIT/i.test(String(typeof sql === 'object' ? (sql as { sql: string }).sql : sql))
                ? Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' }))
                : query(connection, sql);
          }
          await transactionCtx.commit(trx);
        });
        return after;
      };
      expect(await write(1, false)).toEqual([1]);
      await expect(write(2, true)).rejects.toMatchObject({ code: '57P01' });
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      await knex.destroy();
    }
  });
});

describe('SQLite statement cache (knex compiles every query anew)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3');

  it('hands back the compiled statement for the same SQL, keeps the most recently used, and follows schema changes', () => {
    const db = new Database(':memory:');
    cacheStatements(db, 3);
    db.prepare('create table t (a integer)').run();
    const insert = db.prepare('insert into t (a) values (?)');
    expect(db.prepare('insert into t (a) values (?)')).toBe(insert);
    insert.run(1);
    db.prepare('insert into t (a) values (?)').run(2);
    expect(db.prepare('select a from t order by a').all()).toEqual([{ a: 1 }, { a: 2 }]);
    // The cache holds three: using the insert keeps it, the least recently used others go.
    const count = db.prepare('select count(*) as n from t');
    db.prepare('insert into t (a) values (?)');
    db.prepare('select 1 as one');
    db.prepare('select 2 as two');
    expect(db.prepare('insert into t (a) values (?)')).toBe(insert);
    expect(db.prepare('select count(*) as n from t')).not.toBe(count);
    // A cached statement still works after the table changed under it.
    const select = db.prepare('select * from t order by a');
    db.prepare('alter table t add column b text').run();
    expect(db.prepare('select * from t order by a')).toBe(select);
    expect(select.all()).toEqual([
      { a: 1, b: null },
      { a: 2, b: null },
    ]);
    db.close();
  });
});
