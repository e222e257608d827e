import { html, type Html } from './html';

export const STYLESHEET_PATH = '/oauth2/static/pages.css';

/** The frame of every sign-in page: no scripts, one stylesheet from this server. */
export function layout(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main class="card">
<p class="brand">FHIR server &middot; secure sign-in</p>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.text;
}

export function errorNote(message: string | undefined): Html {
  return html`${message ? html`<p class="error" role="alert">${message}</p>` : ''}`;
}

export const PAGES_CSS = `
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; background: #eef2f7; display: flex; align-items: flex-start; justify-content: center; }
.card { width: min(36rem, 100% - 2rem); margin: 3rem 1rem; padding: 2rem 2.25rem; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgba(20, 40, 80, .12); }
.brand { margin: 0 0 .25rem; font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; color: #5a6b85; }
h1 { margin: 0 0 1.25rem; font-size: 1.45rem; }
label { display: block; margin: .9rem 0 .3rem; font-weight: 600; }
input[type=text], input[type=password], input[type=search] { width: 100%; padding: .6rem .7rem; font-size: 1rem; border: 1px solid #b8c2d3; border-radius: 8px; }
button { margin-top: 1.25rem; padding: .65rem 1.3rem; font-size: 1rem; font-weight: 600; border: 0; border-radius: 8px; background: #1f5fbf; color: #fff; cursor: pointer; }
button.secondary { background: #e3e8f0; color: #1d2433; }
button + button { margin-left: .5rem; }
.error { padding: .6rem .8rem; border-radius: 8px; background: #fdecec; color: #9b1c1c; }
.app { padding: .75rem 1rem; border-radius: 8px; background: #f3f6fb; }
ul.scopes, ul.choices { list-style: none; padding: 0; margin: .5rem 0; }
ul.scopes > li, ul.choices > li { padding: .55rem .2rem; border-bottom: 1px solid #e6eaf1; }
ul.scopes label, ul.choices label { display: inline; font-weight: 500; margin: 0; }
ul.sub { list-style: none; margin: .35rem 0 0 1.8rem; padding: 0; font-size: .92rem; }
code { font-size: .78rem; color: #5a6b85; word-break: break-all; }
.hint { color: #5a6b85; font-size: .9rem; }
.patient { font-weight: 600; }
`;
