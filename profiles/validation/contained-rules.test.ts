import { createResourceValidator } from './resource-validator';
import { issuesOf as issuesIn } from './validation-issues.test-support';

const validator = createResourceValidator();
const issuesOf = (resource: unknown) => issuesIn(validator, resource);

const request = (contained: unknown[], extra: Record<string, unknown> = {}) => ({
  resourceType: 'MedicationRequest',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/1' },
  contained,
  ...extra,
});

describe('contained resources (https://hl7.org/fhir/R4/domainresource.html#invs)', () => {
  it('accepts a contained resource the container refers to', () => {
    expect(issuesOf(request([{ resourceType: 'Medication', id: 'med1' }], { medicationReference: { reference: '#med1' } }))).toEqual([]);
  });

  it('accepts a contained resource referred to by a canonical #id', () => {
    const questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      contained: [{ resourceType: 'ValueSet', id: 'vs1', status: 'active' }],
      item: [{ linkId: '1', type: 'choice', answerValueSet: '#vs1' }],
    };
    expect(issuesOf(questionnaire)).toEqual([]);
  });

  it('accepts a contained resource that refers to its container with #', () => {
    const provenance = { resourceType: 'Provenance', id: 'prov', target: [{ reference: '#' }], recorded: '2024-01-01T00:00:00Z', agent: [{ who: { display: 'x' } }] };
    expect(issuesOf(request([provenance], { medicationCodeableConcept: { text: 'x' } }))).toEqual([]);
  });

  it('dom-3: rejects a contained resource nothing refers to', () => {
    expect(issuesOf(request([{ resourceType: 'Medication', id: 'med1' }], { medicationCodeableConcept: { text: 'x' } }))).toEqual([
      expect.objectContaining({ code: 'invariant', expression: ['MedicationRequest.contained[0]'] }),
    ]);
  });

  it('dom-2: rejects a contained resource that contains resources', () => {
    const medication = { resourceType: 'Medication', id: 'med1', contained: [{ resourceType: 'Substance', id: 's', code: { text: 'x' } }] };
    const issues = issuesOf(request([medication], { medicationReference: { reference: '#med1' } }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'invariant', expression: ['MedicationRequest.contained[0].contained'] }));
  });

  it('dom-4 and dom-5: rejects version, last update and security labels on a contained resource', () => {
    const medication = {
      resourceType: 'Medication',
      id: 'med1',
      meta: { versionId: '2', lastUpdated: '2024-01-01T00:00:00Z', security: [{ code: 'R' }] },
    };
    const issues = issuesOf(request([medication], { medicationReference: { reference: '#med1' } }));
    expect(issues.map((i) => i.expression?.[0])).toEqual([
      'MedicationRequest.contained[0].meta.versionId',
      'MedicationRequest.contained[0].meta.lastUpdated',
      'MedicationRequest.contained[0].meta.security',
    ]);
  });

  it('rejects an unknown resourceType in contained, naming the element', () => {
    expect(issuesOf(request([{ resourceType: 'Pill', id: 'p' }], { medicationReference: { reference: '#p' } }))).toEqual([
      expect.objectContaining({ diagnostics: "Unknown resource type 'Pill'", expression: ['MedicationRequest.contained[0].resourceType'] }),
    ]);
  });
});
