import { escapeXml } from '../core/xml.js';
import type { PlexAccount } from './accounts.js';

const escape = escapeXml;

/**
 * The local stand-in for `https://app.plex.tv/auth#?clientID=…&code=…&forwardUrl=…`: the fragment is read
 * in the browser, a person picks an account, and the form claims the PIN and redirects to `forwardUrl`.
 * The same fields may come as a query string (`/auth?code=…`) for clients without JavaScript.
 */
export function authPage(accounts: PlexAccount[], query: Record<string, string>): string {
  const buttons = accounts
    .map(
      (a) => `<li><button type="submit" name="account" value="${escape(a.key)}" data-account="${escape(a.key)}">
        <strong>Sign in as ${escape(a.title)}</strong> <span>${escape(a.username)} · ${a.access === 'owner' ? 'server owner' : a.access === 'shared' ? 'shared user' : 'no access to the server'}</span>
      </button></li>`,
    )
    .join('\n');
  const hidden = (name: string) => `<input type="hidden" name="${name}" id="${name}" value="${escape(query[name] ?? '')}">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plex (simulated) – Sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font-family:system-ui,sans-serif;background:#1f2326;color:#eee;display:flex;justify-content:center;padding-top:8vh}
 main{background:#282d31;padding:2rem 2.5rem;border-radius:8px;max-width:28rem;width:100%}
 h1{color:#e5a00d;margin-top:0} ul{list-style:none;padding:0} li{margin:.6rem 0}
 button{width:100%;text-align:left;padding:.8rem 1rem;border-radius:6px;border:1px solid #555;background:#32383d;color:#eee;cursor:pointer}
 button:hover{border-color:#e5a00d} button span{display:block;color:#aaa;font-size:.85rem}
 .note{color:#aaa;font-size:.85rem} #problem{color:#f88}
</style></head>
<body><main>
<h1>plex</h1>
<p>Simulated Plex sign-in for <strong id="product">an app</strong>. Choose the account to sign in with.</p>
<form method="post" action="auth/approve" id="approve">
${hidden('code')}${hidden('clientID')}${hidden('forwardUrl')}
<ul>${buttons}</ul>
</form>
<p id="problem"></p>
<p class="note">This page stands in for app.plex.tv. Picking an account claims the PIN for it and returns you to the app.</p>
</main>
<script>
(function () {
  var hash = window.location.hash.replace(/^#!?\\??/, '');
  var params = new URLSearchParams(hash);
  ['code', 'clientID', 'forwardUrl'].forEach(function (name) {
    var value = params.get(name);
    if (value) document.getElementById(name).value = value;
  });
  var product = params.get('context[device][product]');
  if (product) document.getElementById('product').textContent = product;
  if (!document.getElementById('code').value) {
    document.getElementById('problem').textContent = 'No PIN code in this link: start the sign-in from the app again.';
  }
})();
</script>
</body></html>`;
}

export function messagePage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plex (simulated) – ${escape(title)}</title></head>
<body style="font-family:system-ui,sans-serif;background:#1f2326;color:#eee;padding:3rem"><h1>${escape(title)}</h1><p id="message">${escape(message)}</p></body></html>`;
}
