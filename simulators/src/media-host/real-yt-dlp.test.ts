import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ytDlpVideoSchema } from '../contracts/schemas.js';
import { MediaHostSimulator } from './media-host.js';

const run = promisify(execFile);

/** Debian's yt-dlp and ffprobe must be installed (DEVELOPERS.md): this suite fails loudly, never skips. */
async function probe(file: string): Promise<string[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
  return stdout.trim().split('\n').sort();
}

describe('real yt-dlp against the media host', () => {
  let host: MediaHostSimulator;
  const dir = mkdtempSync(path.join(tmpdir(), 'real-ytdlp-'));
  const ytDlp = (args: string[]) => run('yt-dlp', ['--no-config', '--no-cache-dir', ...args], { cwd: dir, timeout: 60_000 });

  beforeAll(async () => {
    host = await new MediaHostSimulator().start();
  }, 120_000);
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a single video that plays as H.264 + AAC', async () => {
    const { stdout } = await ytDlp(['--newline', '--print', 'after_move:filepath', '-o', 'single/%(id)s.%(ext)s', host.fileUrl('Sim0Single1')]);
    const file = stdout.trim().split('\n').at(-1)!;
    expect(path.basename(file)).toBe('Sim0Single1.mp4');
    expect(await probe(file)).toEqual(['aac', 'h264']);
    expect(host.requestsTo('GET /videos/{file}').length).toBeGreaterThan(0);
  });

  it('lists the RSS feed as a 3-video playlist and downloads all three', async () => {
    const { stdout: listing } = await ytDlp(['--flat-playlist', '-J', host.feedUrl('PLsim0000000000000000000000000000a')]);
    const playlist = JSON.parse(listing) as { _type: string; title: string; entries: { title: string }[] };
    expect(playlist._type).toBe('playlist');
    expect(playlist.title).toBe('Loopback Season');
    expect(playlist.entries.map((e) => e.title)).toEqual(['Loopback Episode One', 'Loopback Episode Two', 'Loopback Episode Three']);

    const { stdout } = await ytDlp(['--newline', '-o', 'playlist/%(id)s.%(ext)s', host.feedUrl('PLsim0000000000000000000000000000a')]);
    expect(stdout).toContain('Downloading item 3 of 3');
    const files = readdirSync(path.join(dir, 'playlist')).sort();
    expect(files).toEqual(['Sim0Video01.mp4', 'Sim0Video02.mp4', 'Sim0Video03.mp4']);
    for (const file of files) expect(await probe(path.join(dir, 'playlist', file))).toEqual(['aac', 'h264']);
  });

  it('downloads a YouTube-shaped info dict with Plex naming, printing progress lines', async () => {
    const info = (await (await fetch(host.infoJsonUrl('Sim0Video02'))).json()) as Record<string, unknown>;
    ytDlpVideoSchema.parse(info);
    writeFileSync(path.join(dir, 'info.json'), JSON.stringify(info));
    const template = '%(channel)s/%(channel)s - s%(upload_date>%Y)se%(upload_date>%m%d)s - %(title)s [%(id)s].%(ext)s';
    const { stdout } = await ytDlp([
      '--load-info-json', 'info.json', '-o', `plex/${template}`, '--newline', '--progress',
      '--progress-template', 'download:PROG %(progress._percent_str)s %(progress.downloaded_bytes)s/%(progress.total_bytes)s',
      '--print', 'after_move:filepath',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines.some((l) => /^PROG +100\.0% \d+\/\d+$/.test(l))).toBe(true);
    const file = lines.at(-1)!;
    expect(file).toBe(path.join(dir, 'plex', 'MediaNest Test Channel', 'MediaNest Test Channel - s2024e0112 - Loopback Episode Two [Sim0Video02].mp4'));
    expect(existsSync(file)).toBe(true);
    expect(await probe(file)).toEqual(['aac', 'h264']);
  });

  it('fails with an ERROR line and exit code 1 for a missing video', async () => {
    host.removeVideo('Sim0Video03');
    const error = await ytDlp(['-o', 'gone/%(id)s.%(ext)s', host.fileUrl('Sim0Video03')]).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/^ERROR: .*HTTP Error 404/m);
  });
});
