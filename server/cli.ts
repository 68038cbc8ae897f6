import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, type AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { buildApp, jobDefinitions } from './app.ts';
import { startJobRunner } from './modules/jobs/job-runner.ts';
import { createSender } from './modules/notify/sender.ts';
import { demoAccounts, generateDemoPassword, seedDemo } from './seed/demo.ts';
import { addUser } from './modules/org/commands/add-user-cli.ts';
import { initDeployment } from './modules/org/commands/init-deployment.ts';
import { roles, type Role } from './core/policy.ts';
import type { Lang } from './core/messages.ts';
import { describeImportColumns, importFromCli, type ImportTarget } from './modules/org/import/import-from-cli.ts';
import { describeCategoryColumns, importCategoriesFromCli } from './modules/categories/import/import-categories-from-cli.ts';
import { seedDefaultCategories } from './modules/categories/commands/seed-default-categories.ts';
import { loadSecretKeys, type LoadedSecretKeys } from './core/personal-data/secret-key.ts';
import { registerTextCommands } from './modules/text/cli.ts';
import { seedBulkMatters } from './seed/bulk-matters.ts';

/** Opens the configured database and runs pending migrations. */
export async function openMigrated(config: AppConfig): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  return database;
}

function printDemoAccounts(password: string | null): void {
  console.log('\n示范县 demo accounts / 演示账号:');
  for (const a of demoAccounts) console.log(`  ${a.username.padEnd(11)} ${a.note}`);
  if (password) console.log(`  password / 密码: ${password}\n`);
  else console.log('  password / 密码: the one printed at first start (set JICENG_DEMO_PASSWORD to choose it)\n');
}

/** Seeds the demo county if the database is empty; prints the demo accounts either way. */
async function ensureDemo(database: Database, config: AppConfig): Promise<void> {
  const password = config.demoPassword ?? generateDemoPassword();
  const seeded = await seedDemo(database.db, password);
  if (seeded) console.log('Seeded the demo county 示范县.');
  printDemoAccounts(seeded || config.demoPassword ? password : null);
}

/**
 * Loads the personal-data key before anything else, so a missing or malformed key stops the
 * server at start rather than at the first petition it cannot encrypt or read.
 */
async function checkSecretKey(config: AppConfig): Promise<LoadedSecretKeys> {
  const keys = await loadSecretKeys(config);
  if (keys.created) console.log(`Created the personal-data key ${keys.file} (key ${keys.current.id}); back it up apart from the database: without it encrypted personal data cannot be read.`);
  else console.log(`Personal-data key ${keys.current.id} from ${keys.source === 'env' ? 'JICENG_SECRET_KEY' : keys.file}${keys.previous.length ? `; ${keys.previous.length} previous key(s) for decryption` : ''}.`);
  // Several instances over one PostgreSQL would each make their own key file and could not read
  // one another's values.
  if (keys.source === 'file' && config.databaseUrl) console.warn('Warning: on PostgreSQL set JICENG_SECRET_KEY, so that every instance uses the same personal-data key.');
  return keys;
}

/** `jiceng serve`: check the key, migrate, seed the demo on first start, serve web app and API until a signal. */
async function serve(opts: { demo: boolean }): Promise<void> {
  const config = loadConfig();
  const keys = await checkSecretKey(config);
  const database = await openMigrated(config);
  if (opts.demo && process.env.JICENG_NO_DEMO !== '1') await ensureDemo(database, config);
  const app = await buildApp(database, config, { logger: true, keys });
  // An unknown JICENG_SENDER stops the start here, before anything is queued for it.
  const sender = createSender(process.env.JICENG_SENDER, app.log);
  const runner = startJobRunner(database.db, { config, keys, sender, definitions: jobDefinitions(), log: app.log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // The job pass in progress finishes first, so no job is cut off half done.
    await runner.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  console.log(`Jiceng 基层 is serving on http://${config.host}:${config.port} (database: ${database.kind}${database.kind === 'pglite' ? `, ${config.dataDir}` : ''}); API docs at /api/docs`);
}

function parseRoleGrant(value: string, previous: { role: Role; unit: string }[] = []): { role: Role; unit: string }[] {
  const [role, ...unitParts] = value.split('@');
  const unit = unitParts.join('@');
  if (!roles.includes(role as Role) || !unit) throw new InvalidArgumentError(`expected <role>@<unit name or id>, role one of ${roles.join(', ')}`);
  return [...previous, { role: role as Role, unit }];
}

/** Builds the `jiceng` command tree. */
export function buildCli(): Command {
  const program = new Command('jiceng').description('Jiceng (基层) — grassroots work platform').showHelpAfterError();
  program
    .command('serve')
    .description('serve the web app and API (HOST, PORT, JICENG_DATA_DIR, DATABASE_URL, JICENG_SECRET_KEY); migrates and seeds the demo on first start')
    .option('--no-demo', 'do not seed the demo county on an empty database')
    .action(serve);
  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      const database = await openMigrated(loadConfig());
      console.log(`Migrations applied (${database.kind}).`);
      await database.close();
    });
  program
    .command('seed-demo')
    .description('seed the demo county 示范县 with people and one account per role (only into an empty database)')
    .action(async () => {
      const config = loadConfig();
      const database = await openMigrated(config);
      const password = config.demoPassword ?? generateDemoPassword();
      const seeded = await seedDemo(database.db, password);
      if (seeded) printDemoAccounts(password);
      else console.log('The database already has units; nothing seeded.');
      await database.close();
    });
  program
    .command('init')
    .description('prepare an empty production database: the root unit of the jurisdiction and the first administrator')
    .requiredOption('--root <name>', 'name of the root unit, e.g. 某某县')
    .option('--level <level>', 'province | city | county | township', 'county')
    .option('--region <code>', '6-digit administrative region code')
    .option('--admin <username>', 'username of the first administrator', 'admin')
    .option('--name <displayName>', 'display name of the first administrator', '系统管理员')
    .option('--password <password>', 'initial password (else generated and printed); must be changed at first login')
    .action(async (opts: { root: string; level: 'province' | 'city' | 'county' | 'township'; region?: string; admin: string; name: string; password?: string }) => {
      if (!['province', 'city', 'county', 'township'].includes(opts.level)) throw new InvalidArgumentError('level must be province, city, county or township');
      const database = await openMigrated(loadConfig());
      try {
        const r = await initDeployment(database.db, { rootName: opts.root, level: opts.level, regionCode: opts.region, adminUsername: opts.admin, adminName: opts.name, password: opts.password });
        await seedDefaultCategories(database.db);
        console.log(`Initialised ${opts.root}; administrator ${opts.admin}${r.generatedPassword ? `, initial password: ${r.generatedPassword}` : ''}`);
      } finally {
        await database.close();
      }
    });
  program
    .command('seed-bulk')
    .description('fill the database with realistic matters across the tree and the last two years (for benchmarks and demos); seeds the demo county first if empty')
    .requiredOption('--matters <n>', 'number of matters to add', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
      return n;
    })
    .option('--text-dir <dir>', 'folder with messages-*.jsonl (title, detail, reply) to take texts from, read in place; else generated texts')
    .option('--seed <n>', 'seed of the generator (same seed, same data)', (v: string) => Number(v), 20231)
    .action(async (opts: { matters: number; textDir?: string; seed: number }) => {
      const config = loadConfig();
      const keys = await loadSecretKeys(config);
      const database = await openMigrated(config);
      try {
        const password = config.demoPassword ?? generateDemoPassword();
        if (await seedDemo(database.db, password)) printDemoAccounts(password);
        const r = await seedBulkMatters(database, keys, { matters: opts.matters, textDir: opts.textDir, seed: opts.seed, log: (l) => console.error(l) });
        console.log(`Added ${r.inserted} matters in ${r.seconds.toFixed(1)} s (${Math.round(r.inserted / r.seconds)}/s).`);
      } finally {
        await database.close();
      }
    });
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('add an account; it must change its password at first login')
    .argument('<username>', 'login name (3–32 letters, digits, _ . -)')
    .requiredOption('--name <displayName>', 'display name, e.g. 张三')
    .requiredOption('--role <role@unit>', `role grant, repeatable; role one of ${roles.join(', ')}; unit by name or id`, parseRoleGrant)
    .option('--password <password>', 'initial password (else one is generated and printed)')
    .action(async (username: string, opts: { name: string; role: { role: Role; unit: string }[]; password?: string }) => {
      const database = await openMigrated(loadConfig());
      try {
        const result = await addUser(database.db, { username, displayName: opts.name, grants: opts.role, password: opts.password });
        console.log(`Account ${username} created.${result.generatedPassword ? ` Initial password: ${result.generatedPassword}` : ''}`);
      } finally {
        await database.close();
      }
    });
  const imp = program.command('import').description('import units, people or categories from a CSV (UTF-8/GBK) or XLSX file; all rows or none');
  for (const [what, description] of [
    ['units', 'import units (单位) into the tree; parents must be in the scope of --as'],
    ['people', 'import people (人员) into units in the scope of --as'],
  ] as const satisfies readonly [ImportTarget, string][]) {
    imp
      .command(what)
      .description(description)
      .argument('<file>', '.csv or .xlsx file')
      .option('--as <username>', 'the account whose scope applies (and who appears in the audit log)', 'admin')
      .option('--lang <lang>', 'language of messages: zh-CN or en-US', (v: string) => {
        if (v !== 'zh-CN' && v !== 'en-US') throw new InvalidArgumentError('expected zh-CN or en-US');
        return v;
      }, 'zh-CN')
      .addHelpText('after', describeImportColumns(what))
      .action(async (file: string, opts: { as: string; lang: Lang }) => {
        const config = loadConfig();
        const database = await openMigrated(config);
        let status: number;
        try {
          status = await importFromCli(database.db, config, { what, file, as: opts.as, lang: opts.lang });
        } finally {
          await database.close();
        }
        if (status !== 0) process.exit(status);
      });
  }
  imp
    .command('categories')
    .description('import a category tree (诉求分类, up to three levels) as an admin of the top-level unit')
    .argument('<file>', '.csv or .xlsx file')
    .option('--as <username>', 'the account that imports (and appears in the audit log)', 'admin')
    .option('--lang <lang>', 'language of messages: zh-CN or en-US', (v: string) => {
      if (v !== 'zh-CN' && v !== 'en-US') throw new InvalidArgumentError('expected zh-CN or en-US');
      return v;
    }, 'zh-CN')
    .addHelpText('after', describeCategoryColumns())
    .action(async (file: string, opts: { as: string; lang: Lang }) => {
      const config = loadConfig();
      const database = await openMigrated(config);
      let status: number;
      try {
        status = await importCategoriesFromCli(database.db, config, { file, as: opts.as, lang: opts.lang });
      } finally {
        await database.close();
      }
      if (status !== 0) process.exit(status);
    });
  registerTextCommands(program);
  return program;
}

/** Runs the CLI with process arguments; a refused command exits with status 1 and its message. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
