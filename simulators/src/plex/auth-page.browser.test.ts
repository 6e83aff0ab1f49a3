import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../test-support/helpers.js';
import { PlexTvSimulator } from './plex-tv.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// A person's path through the sign-in page, in a real browser (Debian's chromium, as the e2e tests use).
describe.skipIf(!existsSync(CHROMIUM))('the simulated app.plex.tv sign-in page in a browser', () => {
  let plexTv: PlexTvSimulator;
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startReceiver>>;
  const shots = mkdtempSync(path.join(tmpdir(), 'auth-page-'));

  beforeAll(async () => {
    plexTv = await new PlexTvSimulator().start();
    app = await startReceiver(200);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app.close();
    await plexTv.close();
    rmSync(shots, { recursive: true, force: true });
  });

  it('reads the PIN from the fragment, claims it for the chosen account and returns to forwardUrl', async () => {
    const pin = (await (await fetch(`${plexTv.url}/api/v2/pins?strong=true`, { method: 'POST', headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': 'browser-client' } })).json()) as { id: number; code: string };
    const forwardUrl = `${app.url}/auth/plex/callback?pin=${pin.id}`;
    const query = new URLSearchParams({ clientID: 'browser-client', code: pin.code, forwardUrl, 'context[device][product]': 'MediaNest' });
    const page = await browser.newPage();
    await page.goto(`${plexTv.appUrl}/auth#?${query.toString()}`);
    expect(await page.textContent('#product')).toBe('MediaNest');
    await page.screenshot({ path: path.join(shots, 'auth.png') });
    await Promise.all([page.waitForURL(`${app.url}/**`), page.click('button[data-account="alice"]')]);
    expect(page.url()).toBe(forwardUrl);
    expect(plexTv.pins.get(pin.id)).toMatchObject({ claimedBy: 'alice', authToken: plexTv.account('alice').token });
    await page.close();
  });

  it('says so when the link carries no PIN', async () => {
    const page = await browser.newPage();
    await page.goto(`${plexTv.appUrl}/auth`);
    expect(await page.textContent('#problem')).toContain('No PIN code');
    await page.close();
  });
});
