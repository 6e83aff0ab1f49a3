import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ToolsProbe, parseFfmpegVersion, parseYtDlpVersion, resolveCommand } from './tools.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tools-probe-'));
function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('ToolsProbe', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses the version lines yt-dlp and ffmpeg print', () => {
    expect(parseYtDlpVersion('2023.03.04\n')).toBe('2023.03.04');
    expect(parseFfmpegVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\nbuilt with gcc')).toBe('5.1.9-0+deb12u1');
    expect(parseFfmpegVersion('something else')).toBeNull();
  });

  it('finds a bare command on PATH and a configured path as it is', () => {
    const tool = script('my-tool', 'echo 1');
    expect(resolveCommand('my-tool', `/nonexistent${path.delimiter}${dir}`)).toBe(tool);
    expect(resolveCommand(tool)).toBe(tool);
    expect(resolveCommand('my-tool', '/nonexistent')).toBeNull();
    expect(resolveCommand(path.join(dir, 'missing'))).toBeNull();
  });

  it('reports both versions and paths when the tools answer', async () => {
    const ytDlp = script('yt-dlp', 'echo 2025.01.15');
    const ffmpeg = script('ffmpeg', 'echo "ffmpeg version 7.1 Copyright (c) the FFmpeg developers"');
    const probe = new ToolsProbe({ ytDlpPath: ytDlp, ffmpegPath: ffmpeg });
    expect(await probe.check()).toEqual({ ok: true, detail: { ytDlp: '2025.01.15', ytDlpPath: ytDlp, ffmpeg: '7.1', ffmpegPath: ffmpeg } });
  });

  it('reports a missing or broken tool with a reason a person can act on', async () => {
    const broken = script('broken-ffmpeg', 'exit 3');
    const probe = new ToolsProbe({ ytDlpPath: path.join(dir, 'no-yt-dlp'), ffmpegPath: broken });
    const outcome = await probe.check();
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatchObject({ ytDlp: null, ffmpeg: null, ffmpegPath: broken });
    expect(outcome.error).toContain('no-yt-dlp was not found');
    expect(outcome.error).toContain(`${broken} --version failed`);
    expect(outcome.error).toContain('YTDLP_PATH');
  });

  it('probes once and reuses the answer while it is fresh', async () => {
    const counter = path.join(dir, 'count');
    const ytDlp = script('counting-yt-dlp', `echo x >> ${counter}; echo 2024.12.01`);
    const ffmpeg = script('counting-ffmpeg', 'echo "ffmpeg version 6.0"');
    const probe = new ToolsProbe({ ytDlpPath: ytDlp, ffmpegPath: ffmpeg });
    await Promise.all([probe.refresh(), probe.refresh(), probe.check()]);
    await probe.check();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
