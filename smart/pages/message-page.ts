import { layout } from './layout';
import { html } from './html';

/** A page that only says something: errors that cannot go back to the app, sign-out, expiry. */
export function messagePage(title: string, message: string): string {
  return layout(title, html`<p>${message}</p>`);
}
