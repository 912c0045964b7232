import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateClients } from './clients';
import { generateConsoleClient } from './consoleClient';
import { SUBGRAPHS } from './services';

const root = resolve(__dirname, '../..');
const check = process.argv.includes('--check');

/**
 * `pnpm codegen`: regenerates the typed internal clients from the operation documents and the
 * committed subgraph schemas; with --check it only compares and fails when a client is stale.
 * (`pnpm compose` does the same after it rewrites the schemas.)
 */
async function main() {
  const sdlOf = (name: string) => {
    const spec = SUBGRAPHS.find((s) => s.name === name);
    if (!spec) throw new Error(`no subgraph named ${name}`);
    return readFileSync(join(root, spec.dir, 'schema.graphql'), 'utf8');
  };
  const files = await generateClients(root, sdlOf);
  files.push(...(await generateConsoleClient(root, readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8'))));
  const stale = files.filter(([path, text]) => readOrEmpty(join(root, path)) !== text).map(([path]) => path);
  if (check) {
    if (stale.length) {
      console.error(
        `stale generated clients (run \`pnpm codegen\` and commit):\n${stale.map((p) => `  - ${p}`).join('\n')}`,
      );
      process.exit(1);
    }
    console.log(`codegen check: ${files.length} clients up to date`);
    return;
  }
  for (const [path, text] of files) writeFileSync(join(root, path), text);
  console.log(`wrote ${files.map(([p]) => p).join(', ')}${stale.length ? '' : ' (unchanged)'}`);
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
