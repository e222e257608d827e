import { narrativeIssues } from './narrative-rules';

const wrap = (inner: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`;
const problems = (div: string) => narrativeIssues(div, 'Patient.text.div').map((i) => i.diagnostics);

describe('narrative XHTML (R4 narrative.html, txt-1 and txt-2)', () => {
  it('accepts basic formatting, tables, links and images', () => {
    expect(problems(wrap('<p><b>Peter</b> <i>Chalmers</i></p><table><tr><td style="color:red">x</td></tr></table><a href="#x">y</a><img src="#pic" alt="z"/>'))).toEqual([]);
  });

  it.each([
    ['a script element', wrap('<script>alert(1)</script>ok'), /<script> is not allowed/],
    ['an iframe', wrap('<iframe src="x"></iframe>ok'), /<iframe> is not allowed/],
    ['a form', wrap('<form><input/></form>ok'), /<form> is not allowed/],
    ['an event attribute', wrap('<p onclick="steal()">x</p>'), /event attribute 'onclick'/],
    ['a javascript: link', wrap('<a href="javascript:steal()">x</a>'), /script URL/],
    ['a root that is not a div', '<p xmlns="http://www.w3.org/1999/xhtml">x</p>', /root must be/],
    ['a div without the XHTML namespace', '<div>x</div>', /root must be/],
    ['no content', wrap('  '), /no content/],
    ['text outside the div', `${wrap('x')}trailing`, /outside the root/],
  ])('refuses %s', (_what, div, expected) => {
    expect(problems(div).join(' | ')).toMatch(expected);
  });
});
