import { randomBytes } from 'node:crypto';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The QR variant of Lark's authorize page: the page shows a ticket as a QR code, the Lark mobile app of a
 * signed-in user scans and confirms it (`POST /open-apis/sim/qr/scan`), then the page goes on as that user.
 */
export class QrLogins {
  /** Ticket → who scanned it (null: not yet). */
  private readonly tickets = new Map<string, string | null>();

  issue(): string {
    const ticket = randomBytes(12).toString('base64url');
    this.tickets.set(ticket, null);
    return ticket;
  }

  /** False for an unknown or already scanned ticket. */
  scan(ticket: string, openId: string): boolean {
    if (this.tickets.get(ticket) !== null) return false;
    this.tickets.set(ticket, openId);
    return true;
  }

  /** Who scanned the ticket, spending it; null while nobody has, undefined for an unknown or spent ticket. */
  take(ticket: string): string | null | undefined {
    const openId = this.tickets.get(ticket);
    if (openId) this.tickets.delete(ticket);
    return openId;
  }
}

/** The page with the QR code (the ticket, as text) and the link the page follows once it was scanned. */
export function renderQrPage(path: string, query: URLSearchParams, ticket: string): string {
  const next = new URLSearchParams(query);
  next.delete('login');
  next.set('qr_ticket', ticket);
  const continueUrl = `${path}?${next.toString()}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Lark simulator — scan to sign in</title></head><body>
<h1>Scan the QR code with the Lark app</h1>
<pre class="qr" data-qr-ticket="${escapeHtml(ticket)}">${escapeHtml(ticket)}</pre>
<p><a id="continue" href="${escapeHtml(continueUrl)}">Continue after scanning</a></p>
</body></html>`;
}

export function renderQrWaiting(path: string, query: URLSearchParams): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Lark simulator — waiting for the scan</title></head><body>
<h1>Waiting for the QR code to be scanned</h1>
<p><a href="${escapeHtml(`${path}?${query.toString()}`)}">Check again</a></p>
</body></html>`;
}
