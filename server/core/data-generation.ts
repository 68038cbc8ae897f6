/**
 * The data generation of this process: a number that grows whenever data may have changed, so that
 * short-lived caches of hot reads (sessions, people pages) can tell whether an entry is still
 * current. It grows after every write this instance answers (before the answer leaves, so a
 * caller's next read sees its own change) and when the database reports a change of organisation
 * data made elsewhere (another instance, the CLI: see `listenForChanges` in db/client.ts).
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
