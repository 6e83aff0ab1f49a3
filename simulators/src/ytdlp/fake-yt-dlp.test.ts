import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ytDlpErrorLineSchema, ytDlpFlatPlaylistSchema, ytDlpProgressLineSchema, ytDlpVideoSchema } from '../contracts/schemas.js';
import { fakeYtDlpPath } from './fake-yt-dlp.js';

const TEMPLATE = 'download:PROG %(progress._percent_str)s %(progress.speed)s %(progress.eta)s %(progress.downloaded_bytes)s/%(progress.total_bytes)s';
const dir = mkdtempSync(path.join(tmpdir(), 'fake-ytdlp-'));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(fakeYtDlpPath, args, { cwd: dir, env: { ...process.env, FAKE_YTDLP_DELAY_MS: '0', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('fake yt-dlp', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its version like yt-dlp', async () => {
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d{4}\.\d{2}\.\d{2}$/);
  });

  it('downloads with --newline --progress-template progress lines and prints the final path', async () => {
    const out = path.join(dir, '%(channel)s', '%(title)s [%(id)s].%(ext)s');
    const { code, stdout } = await run(['--newline', '--progress', '--progress-template', TEMPLATE, '--print', 'after_move:filepath', '-o', out, 'https://www.youtube.com/watch?v=abcDEF12345'], { FAKE_YTDLP_STEPS: '4' });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const progress = lines.filter((l) => l.startsWith('PROG'));
    expect(progress).toHaveLength(4);
    for (const line of progress) ytDlpProgressLineSchema.parse(line);
    const file = lines.at(-1)!;
    expect(path.basename(file)).toBe('Fake video abcDEF12345 [abcDEF12345].mp4');
    expect(statSync(file).size).toBe(65536);
  });

  it('prints no progress with --print unless --progress is given, as yt-dlp does', async () => {
    const { stdout } = await run(['--newline', '--print', 'after_move:filepath', '-o', path.join(dir, '%(id)s.%(ext)s'), 'https://youtu.be/quietVideo1']);
    expect(stdout.trim().split('\n')).toEqual([path.join(dir, 'quietVideo1.mp4')]);
  });

  it('lists a playlist with -J --flat-playlist in the yt-dlp shape', async () => {
    const { stdout } = await run(['-J', '--flat-playlist', 'https://www.youtube.com/playlist?list=PLtest123&fake_count=4']);
    const playlist = ytDlpFlatPlaylistSchema.parse(JSON.parse(stdout));
    expect(playlist.id).toBe('PLtest123');
    expect(playlist.entries).toHaveLength(4);
    expect(playlist.entries[0]!.url).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=[\w-]{11}$/);
    const video = ytDlpVideoSchema.parse(JSON.parse((await run(['-J', 'https://www.youtube.com/watch?v=abcDEF12345'])).stdout));
    expect(video.id).toBe('abcDEF12345');
  });

  it.each([
    ['private', /Private video/],
    ['unavailable', /Video unavailable/],
    ['geo', /not made this video available in your country/],
    ['age', /Sign in to confirm your age/],
    ['members', /members-only/],
    ['429', /HTTP Error 429: Too Many Requests/],
  ])('fails with the %s error line and exit code 1', async (kind, message) => {
    const { code, stderr } = await run(['--newline', 'https://www.youtube.com/watch?v=errVideo001'], { FAKE_YTDLP_ERROR: kind });
    expect(code).toBe(1);
    const line = stderr.trim().split('\n').at(-1)!;
    ytDlpErrorLineSchema.parse(line);
    expect(line).toMatch(message);
  });

  it('takes the failure from the URL too, and a chosen exit code', async () => {
    const { code, stderr } = await run(['https://www.youtube.com/watch?v=urlError001&fake_error=private']);
    expect(code).toBe(1);
    expect(stderr).toContain('ERROR: [youtube] urlError001: Private video');
    expect((await run(['https://www.youtube.com/watch?v=exitCode001'], { FAKE_YTDLP_EXIT: '101' })).code).toBe(101);
  });

  it('runs out of disk space half way, leaving a .part file', async () => {
    const out = path.join(dir, 'full', '%(id)s.%(ext)s');
    const { code, stderr } = await run(['--newline', '-o', out, 'https://www.youtube.com/watch?v=diskFull001'], { FAKE_YTDLP_ERROR: 'nospace', FAKE_YTDLP_STEPS: '4' });
    expect(code).toBe(1);
    expect(stderr).toContain('ERROR: unable to write data: [Errno 28] No space left on device');
    expect(existsSync(path.join(dir, 'full', 'diskFull001.mp4.part'))).toBe(true);
    expect(existsSync(path.join(dir, 'full', 'diskFull001.mp4'))).toBe(false);
  });

  it('downloads every playlist item, skips archived ids, and logs its invocations', async () => {
    const archive = path.join(dir, 'archive.txt');
    const log = path.join(dir, 'calls.jsonl');
    const args = ['--newline', '--download-archive', archive, '-o', path.join(dir, 'pl', '%(playlist_index)s - %(id)s.%(ext)s'), 'https://www.youtube.com/playlist?list=PLarchive'];
    const first = await run(args, { FAKE_YTDLP_LOG: log });
    expect(first.stdout).toContain('[download] Downloading item 3 of 3');
    expect(readFileSync(archive, 'utf8').trim().split('\n')).toHaveLength(3);
    const second = await run(args, { FAKE_YTDLP_LOG: log });
    expect(second.stdout.match(/has already been recorded in the archive/g)).toHaveLength(3);
    expect(readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { argv: string[] }).argv)).toEqual([args, args]);
  });

  it('exits 2 without a URL', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('You must provide at least one URL');
  });
});
