import { defineConfig } from 'drizzle-kit';

// One schema for PGlite and PostgreSQL: every context keeps its tables in `<context>.tables.ts`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/modules/*/*.tables.ts',
  out: './drizzle',
});
