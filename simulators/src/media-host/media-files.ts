import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MediaFileSpec {
  id: string;
  seconds: number;
  /** Test-pattern variant, so every video looks different. */
  pattern?: 'testsrc' | 'testsrc2' | 'smptebars' | 'rgbtestsrc';
  /** Tone frequency in Hz. */
  tone?: number;
}

/** Where generated media is cached between runs (one set per machine). */
export const DEFAULT_MEDIA_CACHE = path.join(tmpdir(), 'medianest-sim-media-v1');

/**
 * Small H.264/AAC MP4 files made with ffmpeg (what Plex plays without transcoding), cached by id and
 * length. Written to a temporary name and renamed, so parallel test files never see half a file.
 */
export async function ensureMediaFile(spec: MediaFileSpec, dir = DEFAULT_MEDIA_CACHE, ffmpegPath = 'ffmpeg'): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${spec.id}-${spec.seconds}s.mp4`);
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.${Date.now()}.part.mp4`;
  try {
    await run(ffmpegPath, [
      '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `${spec.pattern ?? 'testsrc'}=size=320x240:rate=25`,
      '-f', 'lavfi', '-i', `sine=frequency=${spec.tone ?? 440}`,
      '-t', String(spec.seconds), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryfast',
      '-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart', partial,
    ], { timeout: 60_000 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`ffmpeg not found at "${ffmpegPath}": install it (apt-get install -y ffmpeg) to generate media files`, { cause: error });
    throw error;
  }
  renameSync(partial, file);
  return file;
}
