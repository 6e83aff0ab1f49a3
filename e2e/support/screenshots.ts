import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './medianest.js';

export const screenshotDir = path.join(repoRoot, '.test-artifacts', 'screenshots');

/**
 * Saves a full-page screenshot as `.test-artifacts/screenshots/<name>.png` (gitignored) and returns its
 * path. Every page a journey visits gets one; people look at them, the test does not compare pixels.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  // Fonts and the settle of any transition; reduced motion makes transitions instant.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
