import type { Section } from '../navigation/sections.js';

/** Starts loading a section's landing page chunk when a link to it is hovered or focused. */
export function preloadSection(section: Section): void {
  void section.pages.find((page) => page.path === '')?.load().catch(() => undefined);
}
