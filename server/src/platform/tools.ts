import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { CheckOutcome } from './readiness.js';

/** One external program MediaNest runs, and what answering `--version` told about it. */
export interface ToolStatus {
  /** As configured: a bare name (looked up on PATH) or a path. */
  command: string;
  /** Absolute path of the program found, or null. */
  resolved: string | null;
  version: string | null;
  error?: string;
}

export interface ToolsReport {
  ytDlp: ToolStatus;
  ffmpeg: ToolStatus;
  checkedAt: number;
}

export interface ToolsConfig {
  ytDlpPath: string;
  ffmpegPath: string;
}

/** Where a command runs from: itself when it has a slash, else the first executable match on PATH. */
export function resolveCommand(command: string, envPath = process.env.PATH ?? ''): string | null {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return executable(command) ? path.resolve(command) : null;
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    if (executable(candidate)) return candidate;
  }
  return null;
}

function runVersion(file: string, args: string[], timeoutMs: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, signal, maxBuffer: 256 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

async function probe(command: string, args: string[], parse: (stdout: string) => string | null, timeoutMs: number, signal: AbortSignal): Promise<ToolStatus> {
  const resolved = resolveCommand(command);
  if (!resolved) return { command, resolved: null, version: null, error: `${command} was not found${command.includes('/') ? '' : ' on PATH'}` };
  try {
    const version = parse(await runVersion(resolved, args, timeoutMs, signal));
    return version ? { command, resolved, version } : { command, resolved, version: null, error: `${resolved} did not print a version` };
  } catch (error) {
    return { command, resolved, version: null, error: `${resolved} --version failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** `2023.03.04` from `yt-dlp --version`. */
export const parseYtDlpVersion = (stdout: string): string | null => stdout.trim().split('\n')[0]?.trim() || null;
/** `5.1.9-0+deb12u1` from the first line of `ffmpeg -version`. */
export const parseFfmpegVersion = (stdout: string): string | null => /^ffmpeg version (\S+)/m.exec(stdout)?.[1] ?? null;

/**
 * Finds yt-dlp and ffmpeg (configured path or PATH) and asks their versions, in the background: the
 * probe starts after the server listens and `/readyz` reads its last answer, so start-up never waits
 * for a Python interpreter. A missing tool is reported (non-critical check `tools`), not fatal.
 */
export class ToolsProbe {
  private pending: Promise<ToolsReport> | undefined;
  private last: ToolsReport | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly config: ToolsConfig,
    private readonly options: { timeoutMs?: number; maxAgeMs?: number } = {},
  ) {}

  /** The last answer while it is fresh (5 min), else a new probe (shared by concurrent callers). */
  refresh(): Promise<ToolsReport> {
    if (this.last && Date.now() - this.last.checkedAt < (this.options.maxAgeMs ?? 5 * 60_000)) return Promise.resolve(this.last);
    if (this.pending) return this.pending;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const signal = this.abort.signal;
    this.pending = Promise.all([
      probe(this.config.ytDlpPath, ['--version'], parseYtDlpVersion, timeoutMs, signal),
      probe(this.config.ffmpegPath, ['-version'], parseFfmpegVersion, timeoutMs, signal),
    ]).then(([ytDlp, ffmpeg]) => {
      this.last = { ytDlp, ffmpeg, checkedAt: Date.now() };
      this.pending = undefined;
      return this.last;
    });
    return this.pending;
  }

  /** The readiness outcome: versions and paths as detail; not ok (with the reason) when a tool is missing. */
  async check(): Promise<CheckOutcome> {
    const report = await this.refresh();
    const problems = [report.ytDlp.error, report.ffmpeg.error].filter((e): e is string => e !== undefined);
    return {
      ok: problems.length === 0,
      detail: {
        ytDlp: report.ytDlp.version,
        ytDlpPath: report.ytDlp.resolved ?? report.ytDlp.command,
        ffmpeg: report.ffmpeg.version,
        ffmpegPath: report.ffmpeg.resolved ?? report.ffmpeg.command,
      },
      ...(problems.length ? { error: `${problems.join('; ')}. Downloads need both: install them (apt-get install yt-dlp ffmpeg) or set YTDLP_PATH / FFMPEG_PATH.` } : {}),
    };
  }

  /** Stops a probe still running (shutdown). */
  close(): void {
    this.abort.abort();
  }
}
