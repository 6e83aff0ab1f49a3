/**
 * A benchmark suite: `bench/suites/<name>.ts` default-exports one. `npm run bench` runs every suite
 * (or those named on the command line), prints each report as a table and writes
 * `bench/results/<name>.json`. Suites use loopback only and a bounded number of requests.
 */
export interface BenchSuite {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** Log a progress line (not part of the report). */
  log(message: string): void;
}

export interface BenchTarget {
  /** Which figure the target applies to (a key of `figures`). */
  figure: string;
  op: '<=' | '>=';
  value: number;
  /** Where the target comes from, e.g. "issue 3" or "ADR-001". */
  source: string;
}

export interface BenchReport {
  /** Named numbers, with their unit in the name: `p99_ms`, `requests_per_second`, `rss_mb`. */
  figures: Record<string, number>;
  /** Optional rows for a more detailed table (one per scenario). */
  rows?: Record<string, string | number>[];
  targets?: BenchTarget[];
  /** Facts about the run that matter for reading the figures (driver, connections, counts). */
  setup?: Record<string, string | number | boolean>;
}
