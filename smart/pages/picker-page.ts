import { errorNote, layout } from './layout';
import { html } from './html';

export interface Choice {
  id: string;
  label: string;
  detail?: string;
}

/** Standalone launch (SMART §launch/patient): the user picks the patient the app will work with. */
export function patientPickerPage(options: { action: string; searchAction: string; csrf: string; query: string; patients: Choice[]; error?: string }): string {
  return layout(
    'Select a patient',
    html`<p>The app asked you to choose a patient. It will only see this patient's records.</p>
<form method="get" action="${options.searchAction}">
<label for="q">Find a patient by name</label>
<input id="q" name="q" type="search" value="${options.query}">
<button type="submit" class="secondary">Search</button>
</form>
${errorNote(options.error)}
<form method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
${choices('patient', options.patients, 'No patients found.')}
<button type="submit">Select patient</button>
</form>`,
  );
}

/** Standalone launch with `launch/encounter`: the user picks one of the patient's encounters, or none. */
export function encounterPickerPage(options: { action: string; csrf: string; encounters: Choice[] }): string {
  return layout(
    'Select an encounter',
    html`<p>The app asked you to choose an encounter for this patient.</p>
<form method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
${choices('encounter', [...options.encounters, { id: '', label: 'No particular encounter' }], '')}
<button type="submit">Continue</button>
</form>`,
  );
}

function choices(name: string, list: Choice[], empty: string) {
  if (list.length === 0) return html`<p class="hint">${empty}</p>`;
  return html`<ul class="choices">${list.map(
    (c, i) => html`<li><input type="radio" name="${name}" id="${name}-${i}" value="${c.id}"${i === 0 ? html` checked` : ''}> <label for="${name}-${i}">${c.label}</label> ${c.detail ? html`<span class="hint">${c.detail}</span>` : ''}</li>`,
  )}</ul>`;
}
