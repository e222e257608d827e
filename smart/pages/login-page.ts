import { errorNote, layout } from './layout';
import { html } from './html';

export function loginPage(options: { action: string; csrf: string; appName: string; error?: string; username?: string }): string {
  return layout(
    'Sign in',
    html`<p class="app"><strong>${options.appName}</strong> asks to connect to your health records. Sign in to continue.</p>
${errorNote(options.error)}
<form method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${options.username ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}
