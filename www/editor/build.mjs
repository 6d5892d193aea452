// Bundle the CodeMirror editor (www/editor/main.js) into www/generated/editor.js, which the
// page loads before the wasm. Run by Trunk as a pre-build hook (trunk.toml).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [join(here, 'main.js')],
  outfile: join(here, '..', 'generated', 'editor.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});
