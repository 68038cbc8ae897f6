/**
 * The data generation of this process: a number that grows whenever data may have changed, so that
 * short-lived caches of hot reads (sessions, people pages) can tell whether an entry is still
 * current. It grows after every signed-in write this instance answers (before the answer leaves,
 * so the caller's next read sees its own change; http-auth.ts) and whenever the database announces
 * a change of organisation data or an ended session from any writer (another instance, the CLI,
 * psql: migration 0009, `Database.listen` in db/client.ts, wired in app.ts).
 * Caches also give each entry a short maximum age, the bound for a change whose report was lost.
 */
let generation = 0;

/** The current generation; read it before reading the data a cache entry will hold. */
export function currentGeneration(): number {
  return generation;
}

/** Data may have changed: every cache entry read before now is out of date. */
export function dataChanged(): void {
  generation++;
}
