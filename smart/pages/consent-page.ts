import { describeScope } from '../scopes/describe-scope';
import { granularOptions } from '../scopes/granular-options';
import { parseScope } from '../scopes/scope';
import { errorNote, layout } from './layout';
import { html } from './html';

/**
 * The consent page: the app, the patient in context, and every requested scope in plain words with a checkbox
 * (ticked); broad v2 scopes offer narrower sub-scopes the user may pick instead. Only ticked scopes are granted.
 */
export function consentPage(options: { action: string; csrf: string; appName: string; clientId: string; patientLabel?: string; scopes: string[]; error?: string }): string {
  const items = options.scopes.map((text, i) => {
    const scope = parseScope(text)!;
    const subs = scope.kind === 'resource' ? granularOptions(scope) : [];
    return html`<li><input type="checkbox" name="scope" id="scope-${i}" value="${text}" checked> <label for="scope-${i}">${describeScope(scope)}</label><br><code>${text}</code>${
      subs.length > 0
        ? html`<ul class="sub"><li class="hint">Or share only:</li>${subs.map(
            (sub, j) => html`<li><input type="checkbox" name="scope" id="scope-${i}-${j}" value="${sub}"> <label for="scope-${i}-${j}">${describeScope(parseScope(sub)!)}</label></li>`,
          )}</ul>`
        : ''
    }</li>`;
  });
  return layout(
    'Allow access?',
    html`<p class="app"><strong>${options.appName}</strong> <span class="hint">(${options.clientId})</span> asks for permission to:</p>
${options.patientLabel ? html`<p>Patient: <span class="patient">${options.patientLabel}</span></p>` : ''}
${errorNote(options.error)}
<form method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
<ul class="scopes">${items}</ul>
<p class="hint">Untick anything you do not want to share. You can revoke access later.</p>
<button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="cancel" value="deny" class="secondary">Deny</button>
</form>`,
  );
}
