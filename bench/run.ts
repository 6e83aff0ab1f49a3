import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatReport } from './lib/format.js';
import type { BenchSuite } from './lib/types.js';

/**
 * `npm run bench [suite…]` runs bench/suites, `npm run drill [drill…]` runs bench/drills (fault drills):
 * all, or those named. Each report is printed and written to bench/results/<name>.json.
 * Loopback only; every suite bounds its own request count.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kind = process.env.MEDIANEST_BENCH_KIND === 'drills' ? 'drills' : 'suites';
const suitesDir = path.join(root, 'bench', kind);
const resultsDir = path.join(root, 'bench', 'results');

const wanted = process.argv.slice(2);
const files = readdirSync(suitesDir)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .sort();
const suites: BenchSuite[] = [];
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(suitesDir, file)).href)) as { default: BenchSuite };
  if (wanted.length === 0 || wanted.includes(module.default.name)) suites.push(module.default);
}
if (suites.length === 0) {
  console.error(`No suite matches ${wanted.join(', ')}. Known: ${files.map((f) => f.replace(/\.ts$/, '')).join(', ')}`);
  process.exit(2);
}

mkdirSync(resultsDir, { recursive: true });
let missed = 0;
for (const suite of suites) {
  console.log(`\n## ${suite.name}: ${suite.description}`);
  const started = Date.now();
  const report = await suite.run({ root, log: (message) => console.log(`  … ${message}`) });
  const record = {
    suite: suite.name,
    description: suite.description,
    ranAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    ...report,
  };
  writeFileSync(path.join(resultsDir, `${suite.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  const { text, missedTargets } = formatReport(report);
  missed += missedTargets;
  console.log(text);
}
console.log(`\nResults written to ${path.relative(process.cwd(), resultsDir)}/`);
if (missed > 0) console.log(`${missed} target(s) missed (see the tables above).`);
