export { seriousA11yViolations, type A11yViolation } from './a11y.js';
export { CHROMIUM, launchBrowser, openPage, viewports, type OpenedPage, type ViewportName } from './browser.js';
export { repoRoot, startMediaNest, webDist } from './medianest.js';
export { screenshot, screenshotDir } from './screenshots.js';
export { addSessionCookies, openSignedInPage, setupAdmin } from './auth.js';
