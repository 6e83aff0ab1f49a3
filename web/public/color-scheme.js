// Runs before the first paint: applies the theme saved by the theme menu (see src/app/theme.ts), so a
// light-theme user never sees a dark flash. Keep the key and the default in step with theme.ts.
(function () {
  var value = 'dark';
  try {
    var saved = window.localStorage.getItem('medianest-color-scheme');
    if (saved === 'light' || saved === 'dark' || saved === 'auto') value = saved;
  } catch {
    // Storage can be blocked; the default stands.
  }
  if (value === 'auto') {
    value = window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', value);
})();
