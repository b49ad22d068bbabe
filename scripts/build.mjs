// Bundles src/cli.ts into dist/. Heavy, rarely needed modules (conf, the lock, inquirer) are
// reached through dynamic import(), so splitting keeps them out of the start-up chunk.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require.
  banner: {
    js: "import { createRequire as __roadmapCreateRequire } from 'node:module'; const require = __roadmapCreateRequire(import.meta.url);",
  },
});
