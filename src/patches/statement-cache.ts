/**
 * SQLite: knex's better-sqlite3 client compiles every query anew (`connection.prepare(sql)` per call); an import
 * item runs the same few dozen statements each time, and compiling them took about a tenth of the server's time
 * in the import benchmark. This keeps each connection's compiled statements, most recently used first, and
 * hands back the same one for the same SQL. knex only calls `all()` or `run()` on them, which finish before
 * returning, so a statement is never in use twice at once; SQLite recompiles a cached statement itself when the
 * schema changed under it. Installed once per connection, from the pool's afterCreate (config/database.ts).
 */

interface PreparingConnection {
  prepare(sql: string): unknown;
  [installed: symbol]: true | undefined;
}

const INSTALLED = Symbol.for('newsroom.statement-cache');

export function cacheStatements(connection: PreparingConnection, maxStatements = 500): void {
  if (connection[INSTALLED]) return;
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    const cached = statements.get(sql);
    if (cached !== undefined) {
      // Most recently used last: the first key is the one to drop.
      statements.delete(sql);
      statements.set(sql, cached);
      return cached;
    }
    const statement = prepare(sql);
    statements.set(sql, statement);
    if (statements.size > maxStatements) statements.delete(statements.keys().next().value as string);
    return statement;
  };
  connection[INSTALLED] = true;
}
