import { errorNote, layout } from './layout';
import { html } from './html';

export function mfaPage(options: { action: string; csrf: string; error?: string }): string {
  return layout(
    'Verification code',
    html`<p>Enter the 6-digit code shown by your authenticator app.</p>
${errorNote(options.error)}
<form method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
<label for="code">Code</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<button type="submit">Verify</button>
</form>`,
  );
}
