import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeSupergraph } from '@credit/gateway';
import { printFederatedSchema } from '@credit/shared';
import { generateClients } from './clients';
import { generateConsoleClient } from './consoleClient';
import { SUBGRAPHS } from './services';

const root = resolve(__dirname, '../..');
const check = process.argv.includes('--check');

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Emits each subgraph's SDL (`schema.graphql`) from its type-graphql classes, writes a rover-style
 * `supergraph.yaml`, composes `supergraph.graphql` and regenerates the typed internal clients from
 * those schemas (a client whose operation no longer fits its callee fails here). With --check it
 * only compares and fails when a committed file is stale.
 */
async function main() {
  const files: [string, string][] = [];
  const sources: { name: string; url: string; sdl: string }[] = [];
  for (const s of SUBGRAPHS) {
    const sdl = printFederatedSchema(await s.buildSchema());
    files.push([join(s.dir, 'schema.graphql'), sdl]);
    sources.push({ name: s.name, url: `http://localhost:${s.port}/graphql`, sdl });
  }
  const yaml = [
    '# rover-style composition config (`rover supergraph compose --config gateway/supergraph.yaml`)',
    'federation_version: =2.14.4',
    'subgraphs:',
    ...SUBGRAPHS.flatMap((s) => [
      `  ${s.name}:`,
      `    routing_url: http://localhost:${s.port}/graphql`,
      '    schema:',
      `      file: ../${s.dir}/schema.graphql`,
    ]),
    '',
  ].join('\n');
  files.push(['gateway/supergraph.yaml', yaml]);
  const supergraph = composeSupergraph(sources);
  files.push(['gateway/supergraph.graphql', supergraph]);
  const sdlOf = (name: string) => {
    const source = sources.find((s) => s.name === name);
    if (!source) throw new Error(`no subgraph named ${name}`);
    return source.sdl;
  };
  files.push(...(await generateClients(root, sdlOf)));
  files.push(...(await generateConsoleClient(root, supergraph)));

  const stale = files.filter(([path, text]) => readOrEmpty(join(root, path)) !== text).map(([path]) => path);
  if (check) {
    if (stale.length) {
      console.error(
        `stale generated files (run \`pnpm compose\` and commit):\n${stale.map((p) => `  - ${p}`).join('\n')}`,
      );
      process.exit(1);
    }
    console.log(
      `composition check: ${files.length} files up to date (schemas, supergraph, clients, console documents), ${SUBGRAPHS.length} subgraph(s) compose`,
    );
    return;
  }
  for (const [path, text] of files) writeFileSync(join(root, path), text);
  console.log(
    `composed ${SUBGRAPHS.length} subgraph(s); wrote ${files.map(([p]) => p).join(', ')}${stale.length ? '' : ' (unchanged)'}`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
