import os from 'node:os';
import { apiRead } from './api-read.ts';
import { inbox } from './inbox.ts';
import { benchTextSimilar } from './text-similar.ts';
import { intake } from './intake.ts';
import { benchTextClassify } from './text-classify.ts';

/** Options shared by the benchmarks, from the command line. */
export interface BenchOptions {
  /** Which databases to measure. */
  databases: ('pglite' | 'postgres')[];
  /** PostgreSQL server to create the throwaway bench database on. */
  postgresUrl: string;
  /** Seconds of measured load (after the warm-up). */
  durationS: number;
  /** Concurrent HTTP connections of the load generator. */
  connections: number;
  /** People in the database. */
  people: number;
  /** pg pool size for the app (undefined: the app's default). */
  poolSize: number | undefined;
  /** Keep the PostgreSQL bench database instead of dropping it (for EXPLAIN, profiling). */
  keepDb: boolean;
  /** Matters in the database (inbox) or submissions to send (intake: 0 = for the duration). */
  matters: number;
  /** Folder of the message files to take texts from (seed-bulk --text-dir). */
  textDir: string | undefined;
  /** An already seeded PostgreSQL database to measure instead of a fresh one (inbox). */
  reuseDb: string | undefined;
}

/** What a benchmark returns: flat metrics for the JSON line. */
export type Metrics = Record<string, number | string | boolean | null>;

interface BenchDef {
  summary: string;
  /** Options of this benchmark that differ from the common defaults. */
  defaults?: Partial<BenchOptions>;
  run(opts: BenchOptions): Promise<Metrics>;
}

/** The benchmarks, by name. Add new ones here. */
const benches: Record<string, BenchDef> = {
  'api-read': {
    summary: "GET /api/people for a township's subtree (100k people in the database) under concurrent load, PGlite and PostgreSQL",
    run: apiRead,
  },
  inbox: {
    summary: 'GET /api/matters (a unit inbox: filters and keyset pages) for a township handler with --matters (default 1,000,000) in the database; PostgreSQL by default',
    defaults: { databases: ['postgres'], matters: 1_000_000 },
    run: inbox,
  },
  intake: {
    summary: 'POST /api/public/matters: concurrent citizen submissions, PGlite and PostgreSQL; checks every accepted one is stored',
    run: intake,
  },
  'text-classify': {
    summary: 'message classifier on one core: classify messages/s, train time on 932 real and 10,000 recombined messages, model size (data: --text-dir, else JICENG_TEXT_DATA, else /work/shared/data)',
    run: benchTextClassify,
  },
  'text-similar': {
    summary: 'similarity index over 1,000,000 synthesised messages (build time, memory, query p50/p99) and hot topics over 100,000 (data: --text-dir, else JICENG_TEXT_DATA, else /work/shared/data; sizes: JICENG_TEXT_DOCS, JICENG_TEXT_QUERIES, JICENG_TEXT_HOT_DOCS)',
    run: benchTextSimilar,
  },
};

const usage = `Usage: npm run bench -- <name> [options]

Benchmarks:
${Object.entries(benches)
  .map(([name, b]) => `  ${name.padEnd(12)} ${b.summary}`)
  .join('\n')}

Options:
  --db pglite|postgres|both  databases to measure (default both)
  --duration <s>             seconds of measured load (default 10)
  --connections <n>          concurrent connections (default 32)
  --people <n>               people in the database (default 100000)
  --pool <n>                 pg pool size of the app (default: the app's own default)
  --matters <n>              matters in the database (inbox)
  --text-dir <dir>           message files to take matter texts from (default: generated texts)
  --keep-db                  keep the PostgreSQL bench database (its URL goes to stderr)
  --reuse-db <url>           inbox: measure this already seeded PostgreSQL database (seed-demo + seed-bulk) instead of a fresh one
  --help                     this text

PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres;
a fresh database jiceng_bench_<random> is created there and dropped afterwards.
Prints one JSON line {"bench":…,"metrics":{…}} on stdout; progress goes to stderr.`;

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${raw ?? 'nothing'}`);
  return n;
}

/** Parses the options after the benchmark name. */
export function parseOptions(args: string[], defaults: Partial<BenchOptions> = {}): BenchOptions {
  const opts: BenchOptions = {
    databases: ['pglite', 'postgres'],
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    durationS: 10,
    connections: 32,
    people: 100_000,
    poolSize: undefined,
    keepDb: false,
    matters: 100_000,
    textDir: undefined,
    reuseDb: undefined,
    ...defaults,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--db': {
        const v = value();
        if (v === 'both') opts.databases = ['pglite', 'postgres'];
        else if (v === 'pglite' || v === 'postgres') opts.databases = [v];
        else throw new Error(`--db must be pglite, postgres or both, got ${v ?? 'nothing'}`);
        break;
      }
      case '--duration':
        opts.durationS = positiveInt(flag, value());
        break;
      case '--connections':
        opts.connections = positiveInt(flag, value());
        break;
      case '--people':
        opts.people = positiveInt(flag, value());
        break;
      case '--pool':
        opts.poolSize = positiveInt(flag, value());
        break;
      case '--matters':
        opts.matters = positiveInt(flag, value());
        break;
      case '--text-dir': {
        const v = value();
        if (!v) throw new Error('--text-dir needs a folder');
        opts.textDir = v;
        break;
      }
      case '--keep-db':
        opts.keepDb = true;
        break;
      case '--reuse-db': {
        const v = value();
        if (!v || !/^postgres(ql)?:\/\//.test(v)) throw new Error('--reuse-db needs a postgres:// URL');
        opts.reuseDb = v;
        break;
      }
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  return opts;
}

/** Entry of `npm run bench`: runs the named benchmark and prints its JSON line. */
export async function runBench(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || rest.includes('--help')) {
    (name ? console.log : console.error)(usage);
    if (!name) process.exitCode = 1;
    return;
  }
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"\n\n${usage}`);
    process.exitCode = 1;
    return;
  }
  let opts: BenchOptions;
  try {
    opts = parseOptions(rest, bench.defaults);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exitCode = 1;
    return;
  }
  const metrics = await bench.run(opts);
  const line = {
    bench: name,
    metrics: {
      ...metrics,
      node: process.version,
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? null,
      date: new Date().toISOString(),
    },
  };
  console.log(JSON.stringify(line));
  // Leftover handles (pools, PGlite) must not keep the process alive.
  process.exit(process.exitCode ?? 0);
}
