// The one schema of the database: every module's tables, listed explicitly.
export * from '../modules/org/tables.ts';
export * from '../modules/auth/tables.ts';
export * from '../modules/audit/tables.ts';
export * from '../modules/calendar/tables.ts';
export * from '../modules/matters/tables.ts';
export * from '../modules/categories/tables.ts';
export * from '../modules/jobs/tables.ts';
export * from '../modules/notify/tables.ts';
export * from '../modules/open311/tables.ts';
export * from '../modules/system/tables.ts';
export * from '../modules/text/tables.ts';
