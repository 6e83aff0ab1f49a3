import {
  createTheme,
  localStorageColorSchemeManager,
  type CSSVariablesResolver,
  type MantineColorScheme,
} from '@mantine/core';

/**
 * Dark by default (people browse posters in a dark room). The theme menu offers Dark, Light and
 * "Match system"; the choice is kept in localStorage under COLOR_SCHEME_KEY, which
 * `public/color-scheme.js` reads before the first paint so the page never flashes the wrong theme.
 */
export const DEFAULT_COLOR_SCHEME: MantineColorScheme = 'dark';
export const COLOR_SCHEME_KEY = 'medianest-color-scheme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });

/**
 * One spacing scale (4 px steps) and one type scale for the whole app; pages use the named sizes
 * (`gap="md"`, `fz="sm"`, `<Title order={2}>`), never pixel values.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.35,
  focusRing: 'auto',
  respectReducedMotion: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  spacing: { xs: '0.25rem', sm: '0.5rem', md: '1rem', lg: '1.5rem', xl: '2rem' },
  fontSizes: { xs: '0.75rem', sm: '0.875rem', md: '1rem', lg: '1.125rem', xl: '1.25rem' },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.55', lg: '1.6', xl: '1.65' },
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.25' },
      h2: { fontSize: '1.375rem', lineHeight: '1.3' },
      h3: { fontSize: '1.125rem', lineHeight: '1.35' },
      h4: { fontSize: '1rem', lineHeight: '1.4' },
    },
  },
  breakpoints: { xs: '30em', sm: '48em', md: '64em', lg: '74em', xl: '90em' },
  components: {
    ActionIcon: { defaultProps: { variant: 'subtle', color: 'gray', size: 'lg' } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
    // Status words are read as written ("Ready", "Not ready"), not shouted.
    Badge: { defaultProps: { tt: 'none' } },
  },
});

/**
 * Contrast (WCAG AA, 4.5:1): Mantine's default "dimmed" grey falls short on both backgrounds, and in
 * the light scheme so does the text of `light` badges and alerts (status words); these shades pass.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-teal-light-color': '#0a5c47',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-yellow-light-color': '#7a4f00',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-red-text': 'var(--mantine-color-red-9)',
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
