import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BenchSuite } from '../lib/types.js';

/** One entry of Vite's build manifest (dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const HOME_PAGE = 'src/pages/home/HomePage.tsx';

/** A chunk and everything it imports statically: what the browser must load before running it. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

/**
 * The web app's weight as the browser receives it (gzip, as Vite reports): the initial JavaScript
 * (entry + static imports), the first screen (plus Home's lazy chunk), CSS, and the largest lazy chunk.
 * Target from ui.md: initial JavaScript under 250 KB gzipped.
 */
const suite: BenchSuite = {
  name: 'web-bundle',
  description: 'Gzipped size of the web app: initial JS, the first screen (Home), CSS, largest lazy chunk',
  async run({ root, log }) {
    const web = path.join(root, 'web');
    log('building the web app (vite build)');
    await promisify(execFile)('npm', ['run', 'build', '-w', 'web'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const dist = path.join(web, 'dist');
    const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const gzipKb = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length / 1000; // kB, as Vite prints them
    const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipKb(file), 0);
    const filesOf = (keys: Iterable<string>) => new Set([...keys].map((key) => manifest[key]!.file));
    const cssOf = (keys: Iterable<string>) => new Set([...keys].flatMap((key) => manifest[key]?.css ?? []));

    const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
    if (!entryKey) throw new Error('The build manifest names no entry chunk');
    const initial = closure(manifest, entryKey);
    const firstScreen = closure(manifest, HOME_PAGE, new Set(initial));
    const jsFiles = Object.values(manifest).map((chunk) => chunk.file).filter((file) => file.endsWith('.js'));
    const initialFiles = filesOf(initial);
    const lazy = jsFiles.filter((file) => !initialFiles.has(file)).map((file) => ({ file, kb: gzipKb(file) }));
    lazy.sort((a, b) => b.kb - a.kb);

    const round = (kb: number) => Math.round(kb * 10) / 10;
    return {
      figures: {
        initial_js_gzip_kb: round(sum(initialFiles)),
        first_screen_js_gzip_kb: round(sum(filesOf(firstScreen))),
        initial_css_gzip_kb: round(sum(cssOf(initial))),
        largest_lazy_chunk_gzip_kb: round(lazy[0]?.kb ?? 0),
        total_js_gzip_kb: round(sum(new Set(jsFiles))),
      },
      rows: [...initialFiles].map((file) => ({ chunk: file, loaded: 'initial', gzip_kb: round(gzipKb(file)) })).concat(
        lazy.map(({ file, kb }) => ({ chunk: file, loaded: 'lazy', gzip_kb: round(kb) })),
      ),
      targets: [
        { figure: 'initial_js_gzip_kb', op: '<=', value: 250, source: 'ui.md (initial JavaScript under 250 KB gzipped)' },
        { figure: 'first_screen_js_gzip_kb', op: '<=', value: 250, source: 'ui.md (first screen usable, split by route)' },
      ],
      setup: { chunks: jsFiles.length, entry: manifest[entryKey]!.file },
    };
  },
};

export default suite;
