import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../test-support/test-app.js';

describe('/readyz reports yt-dlp and ffmpeg as the non-critical check "tools"', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'readyz-tools-'));
  const ytDlp = path.join(dir, 'yt-dlp');
  let app: TestApp;

  beforeAll(async () => {
    writeFileSync(ytDlp, '#!/bin/sh\necho 2025.01.15\n');
    chmodSync(ytDlp, 0o755);
    app = await startTestApp({ config: { ytDlpPath: ytDlp, ffmpegPath: path.join(dir, 'no-ffmpeg') } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays ready with a tool missing, naming it, and shows the version found', async () => {
    const { status, body } = await json<{ status: string; failing: string[]; checks: Record<string, { ok: boolean; critical: boolean; error?: string; detail?: Record<string, unknown> }> }>(
      await app.fetch('/readyz'),
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.failing).toEqual([]);
    expect(body.checks.tools).toMatchObject({ ok: false, critical: false, detail: { ytDlp: '2025.01.15', ytDlpPath: ytDlp, ffmpeg: null } });
    expect(body.checks.tools?.error).toContain('no-ffmpeg was not found');
  });
});
