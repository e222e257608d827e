import { layout } from './layout';
import { html } from './html';

export interface AuthorizationSummary {
  familyId: string;
  appName: string;
  scopes: string;
  granted: string;
}

/** SMART management_endpoint: the signed-in user's standing authorizations, each revocable. */
export function managePage(options: { action: string; csrf: string; username: string; authorizations: AuthorizationSummary[] }): string {
  return layout(
    'Your app authorizations',
    html`<p>Signed in as <strong>${options.username}</strong>.</p>
${
  options.authorizations.length === 0
    ? html`<p class="hint">No app holds lasting access.</p>`
    : html`<ul class="choices">${options.authorizations.map(
        (a) => html`<li><strong>${a.appName}</strong> <span class="hint">since ${a.granted}</span><br><code>${a.scopes}</code>
<form method="post" action="${options.action}"><input type="hidden" name="csrf" value="${options.csrf}"><input type="hidden" name="family" value="${a.familyId}"><button type="submit" class="secondary">Revoke</button></form></li>`,
      )}</ul>`
}`,
  );
}
