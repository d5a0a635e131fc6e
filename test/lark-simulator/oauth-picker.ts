import { OrgStore } from './org-store';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo's consent page: pick who logs in. Filter with `q`, shows at most 50 users. */
export function renderUserPicker(store: OrgStore, path: string, query: URLSearchParams): string {
  const filter = (query.get('q') ?? '').toLowerCase();
  const users = store
    .users()
    .filter(
      (user) =>
        filter === '' || `${user.name} ${user.enName} ${user.email ?? ''}`.toLowerCase().includes(filter),
    )
    .slice(0, 50);
  const linkFor = (openId: string) => {
    const params = new URLSearchParams(query);
    params.set('as_open_id', openId);
    return `${path}?${params.toString()}`;
  };
  const qrParams = new URLSearchParams(query);
  qrParams.set('login', 'qr');
  const denyParams = new URLSearchParams(query);
  denyParams.set('deny', '1');
  const rows = users
    .map(
      (user) =>
        `<li><a href="${escapeHtml(linkFor(user.openId))}">${escapeHtml(user.name)} (${escapeHtml(user.enName)})</a>${user.status.isResigned ? ' — resigned' : user.status.isFrozen ? ' — frozen' : ''}</li>`,
    )
    .join('\n');
  const keep = [...query]
    .filter(([key]) => key !== 'q')
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Lark simulator — sign in</title></head><body>
<h1>Sign in to the app as…</h1>
<form method="get" action="${escapeHtml(path)}">${keep}<input name="q" value="${escapeHtml(filter)}" placeholder="name or email"><button>Search</button></form>
<ul>${rows}</ul>
<p><a href="${escapeHtml(`${path}?${qrParams.toString()}`)}">Scan a QR code with the Lark app instead</a></p>
<p><a href="${escapeHtml(`${path}?${denyParams.toString()}`)}">Deny access</a></p>
</body></html>`;
}
