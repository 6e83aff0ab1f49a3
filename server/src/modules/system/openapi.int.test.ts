import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * docs/openapi.json is the committed copy of the document the server generates from the contracts.
 * This test fails when they differ; `npm run openapi` rewrites the copy.
 */
const committed = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));

describe('the committed OpenAPI document', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('is the one the server generates', async () => {
    const generated = `${JSON.stringify(await (await app.fetch('/api/v1/openapi.json')).json(), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(committed, generated);
    expect(existsSync(committed), 'docs/openapi.json is missing: run npm run openapi').toBe(true);
    expect(readFileSync(committed, 'utf8'), 'docs/openapi.json is stale: run npm run openapi').toBe(generated);
  });
});
