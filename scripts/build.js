// Compiles src/ to dist/src/, one JavaScript module per TypeScript file, as `npm ci` runs it
// (the prepare script): a production install (npm ci --omit=dev) then runs without TypeScript.
// esbuild only strips types; `npm run typecheck` (tsc) is what checks them.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => join('src', file));

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: sources,
  outdir: 'dist/src',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
