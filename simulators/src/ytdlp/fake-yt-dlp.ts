import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the fake `yt-dlp` (a Node script, executable): point `ytDlpPath`/`YTDLP_PATH` at it, or put
 * its folder first on PATH as `yt-dlp`. Behaviour is chosen with `FAKE_YTDLP_*` env vars or `fake_*` URL
 * parameters (see the header of `simulators/bin/fake-yt-dlp.mjs`).
 */
export const fakeYtDlpPath: string = fileURLToPath(new URL('../../bin/fake-yt-dlp.mjs', import.meta.url));
