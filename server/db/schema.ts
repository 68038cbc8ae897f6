// The one schema of the database: every module's tables, listed explicitly.
export * from '../modules/org/tables.ts';
export * from '../modules/auth/tables.ts';
export * from '../modules/audit/tables.ts';
export * from '../modules/calendar/tables.ts';
export * from '../modules/matters/tables.ts';
