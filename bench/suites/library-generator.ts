import { generateLibrary } from '../../simulators/src/plex/library-generator.js';
import type { BenchSuite } from '../lib/types.js';

/** Time to generate the 100,000-item Plex library the simulators serve (issue 4: ≤ 10 s). */
const suite: BenchSuite = {
  name: 'library-generator',
  description: 'Deterministic Plex library generation: 100,000 items (movies, shows, seasons, episodes, collections)',
  async run(ctx) {
    const runs = 3;
    const rows: Record<string, string | number>[] = [];
    let counts: Record<string, number> = {};
    // One small warm-up so the first timed run does not pay for module compilation.
    generateLibrary({ seed: 'warm-up', totalItems: 1000 });
    for (let run = 1; run <= runs; run += 1) {
      const started = process.hrtime.bigint();
      const library = generateLibrary({ seed: `bench-${run}`, totalItems: 100_000 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      counts = library.counts();
      rows.push({ run, items: library.size, ms: Math.round(ms), heap_mb: Math.round(process.memoryUsage().heapUsed / 1e6) });
      ctx.log(`run ${run}: ${library.size} items in ${Math.round(ms)} ms`);
    }
    const times = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    return {
      figures: {
        generate_100k_ms_median: times[Math.floor(times.length / 2)]!,
        generate_100k_ms_max: times.at(-1)!,
        generate_100k_s_max: Math.round(times.at(-1)!) / 1000,
      },
      rows,
      targets: [{ figure: 'generate_100k_s_max', op: '<=', value: 10, source: 'issue 4' }],
      setup: { runs, node: process.version, ...counts },
    };
  },
};

export default suite;
