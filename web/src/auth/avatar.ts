/**
 * An avatar image the page may load: only same-origin ones. Plex avatars live on plex.tv, which the
 * Content-Security-Policy (img-src 'self') refuses and which a LAN without internet cannot reach;
 * until the server proxies them, people are shown with a placeholder instead.
 */
export function displayableAvatar(url: string | null | undefined): string | undefined {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : undefined;
}
