import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEngineReport } from './run-engine-bench.js';

/**
 * `npm run bench [-- --only ingress|engine]`: the ingress benchmark (run-bench.ts) and the engine
 * benchmark (latency from event to run start, runs per second). Without --only, both.
 */
const PARTS = ['ingress', 'engine'] as const;
type Part = (typeof PARTS)[number];

function partsOf(argv: readonly string[]): ReadonlySet<Part> {
  const at = argv.indexOf('--only');
  const named = at === -1 ? undefined : argv[at + 1];
  if (named === undefined) return new Set(PARTS);
  const parts = named.split(',');
  for (const part of parts) {
    if (!(PARTS as readonly string[]).includes(part)) {
      console.error(`--only: "${part}" is not a part; use ${PARTS.join(', ')}`);
      process.exit(2);
    }
  }
  return new Set(parts as Part[]);
}

const parts = partsOf(process.argv.slice(2));
// The ingress benchmark runs as its module loads.
if (parts.has('ingress')) await import('./run-bench.js');
if (parts.has('engine')) {
  const report = await runEngineReport();
  const dir = path.resolve(process.cwd(), 'bench-output');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const json = `${JSON.stringify({ at, ...report }, null, 2)}\n`;
  writeFileSync(path.join(dir, `engine-${at.replaceAll(':', '-')}.json`), json);
  writeFileSync(path.join(dir, 'engine-latest.json'), json);
  console.log(`\nwritten to bench-output/engine-latest.json`);
}
