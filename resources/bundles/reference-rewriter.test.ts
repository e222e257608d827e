import { forEachLink, rewriteLinks, type LinkKind } from './reference-rewriter';

const URN = 'urn:uuid:0f5c8f6a-3a65-4a4e-8d57-5a9c2b9b7c10';
const target = (value: string) => (value === URN ? 'Patient/p1' : undefined);

describe('rewriting links the way R4 http.html#trules lists them', () => {
  it('rewrites Reference.reference wherever a Reference sits: top level, nested backbone, list, extension', () => {
    const resource = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: URN },
      performer: [{ reference: 'Practitioner/1' }, { reference: URN }],
      component: [{ code: { text: 'c' }, extension: [{ url: 'http://example.org/who', valueReference: { reference: URN } }] }],
    };
    const out = rewriteLinks(resource, target) as typeof resource;
    expect(out.subject.reference).toBe('Patient/p1');
    expect(out.performer.map((p) => p.reference)).toEqual(['Practitioner/1', 'Patient/p1']);
    expect(out.component[0].extension[0].valueReference.reference).toBe('Patient/p1');
  });

  it('rewrites elements of type uri (an extension valueUri) and narrative href and src', () => {
    const resource = {
      resourceType: 'Patient',
      text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><a href="${URN}">me</a><img src="${URN}"/></div>` },
      extension: [{ url: 'http://example.org/link', valueUri: URN }],
    };
    const out = rewriteLinks(resource, target) as typeof resource;
    expect(out.extension[0].valueUri).toBe('Patient/p1');
    expect(out.text.div).toBe('<div xmlns="http://www.w3.org/1999/xhtml"><a href="Patient/p1">me</a><img src="Patient/p1"/></div>');
  });

  it('walks contained resources with their own types', () => {
    const resource = {
      resourceType: 'MedicationRequest',
      contained: [{ resourceType: 'Medication', id: 'm', ingredient: [{ itemReference: { reference: URN } }] }],
    };
    const out = rewriteLinks(resource, target) as typeof resource;
    expect(out.contained[0].ingredient[0].itemReference.reference).toBe('Patient/p1');
  });

  it('leaves strings that are not links alone even when they equal one: Identifier.value, canonical, plain strings', () => {
    const resource = {
      resourceType: 'Questionnaire',
      status: 'draft',
      identifier: [{ system: 'urn:ietf:rfc:3986', value: URN }],
      derivedFrom: [URN],
      title: URN,
    };
    expect(rewriteLinks(resource, target)).toBe(resource);
  });

  it('does not enter embedded resources other than contained ones (a Bundle keeps its own references)', () => {
    const resource = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation', subject: { reference: URN } } }] };
    expect(rewriteLinks(resource, target)).toBe(resource);
  });

  it('changes a copy: the input is untouched and unchanged branches are shared', () => {
    const resource = { resourceType: 'Observation', subject: { reference: URN }, code: { coding: [{ system: 'http://loinc.org', code: '1' }] } };
    const before = JSON.stringify(resource);
    const out = rewriteLinks(resource, target);
    expect(JSON.stringify(resource)).toBe(before);
    expect(out).not.toBe(resource);
    expect(out.code).toBe(resource.code);
  });

  it('looks only at the strings the candidate test accepts', () => {
    const seen: [string, LinkKind][] = [];
    const resource = { resourceType: 'Observation', subject: { reference: URN }, focus: [{ reference: 'Patient/2' }] };
    forEachLink(resource, (value, kind) => seen.push([value, kind]), (value) => value.startsWith('urn:'));
    expect(seen).toEqual([[URN, 'reference']]);
  });

  it('gives each link a FHIRPath-like location', () => {
    const paths: string[] = [];
    forEachLink({ resourceType: 'Observation', performer: [{ reference: 'a' }, { reference: 'b' }] }, (_v, _k, path) => paths.push(path));
    expect(paths).toEqual(['Observation.performer[0].reference', 'Observation.performer[1].reference']);
  });
});
