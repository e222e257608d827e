import { Parser } from 'htmlparser2';
import type { IssueInput } from '../../resources/errors/fhir-error';

/**
 * Narrative XHTML (R4 narrative.html#xhtml, invariants txt-1 and txt-2): the root is a `div` in the XHTML
 * namespace holding only basic formatting elements; no scripts, forms, frames, objects, stylesheets or event
 * attributes. Narrative is shown to clinicians in browsers, so a stored `<script>` or `onclick` would be a
 * stored cross-site-scripting attack.
 */
const ALLOWED_ELEMENTS = new Set([
  'a', 'abbr', 'acronym', 'b', 'big', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'dfn',
  'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'kbd', 'li', 'ol', 'p', 'pre', 'q',
  'samp', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'ul', 'var',
]);

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const SCRIPT_URL = /^\s*(javascript|vbscript|data\s*:\s*text\/html)/i;

export function narrativeIssues(div: string, expression: string): IssueInput[] {
  const problems: string[] = [];
  let depth = 0;
  let roots = 0;
  let content = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (depth === 0) {
          roots++;
          if (name !== 'div' || attributes.xmlns !== XHTML_NS) problems.push(`the root must be <div xmlns="${XHTML_NS}">`);
        }
        depth++;
        if (!ALLOWED_ELEMENTS.has(name)) problems.push(`<${name}> is not allowed in narrative`);
        if (name === 'img') content = true;
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) problems.push(`event attribute '${attribute}' is not allowed in narrative`);
          if ((attribute === 'href' || attribute === 'src') && SCRIPT_URL.test(value)) problems.push(`a script URL in '${attribute}' is not allowed`);
          if (attribute.startsWith('xlink:')) problems.push(`'${attribute}' is not allowed in narrative`);
        }
      },
      onclosetag() {
        depth--;
      },
      ontext(text) {
        if (depth === 0 && text.trim() !== '') problems.push('text outside the root <div>');
        if (text.trim() !== '') content = true;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(div);
  parser.end();
  if (roots !== 1 && !problems.some((p) => p.startsWith('the root'))) problems.push(`the narrative must be one <div> element (found ${roots})`);
  if (!content) problems.push('the narrative has no content (txt-2)');
  return [...new Set(problems)].map((diagnostics) => ({ code: 'value', diagnostics: `Narrative: ${diagnostics}`, expression }));
}
