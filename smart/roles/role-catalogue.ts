import type { Permission } from '../../resources/access/access-context';

/**
 * The role catalogue: what each role may do, by resource type and SMART permission letter. Roles are the
 * ceiling for `user/` (and, for signed-in users, `patient/`) scopes: a token never grants more than the
 * user's roles allow, whatever the app asked for. Least privilege: each role gets only what the job needs.
 */
export interface RoleRule {
  types: readonly string[];
  /** SMART v2 letters, c r u d s. */
  letters: string;
  /** `self`: only within the user's own patient compartment (the user's fhirUser is a Patient). */
  compartment?: 'self';
}

export interface RoleDefinition {
  description: string;
  rules: readonly RoleRule[];
}

const CLINICAL = [
  'Patient', 'Encounter', 'EpisodeOfCare', 'Observation', 'Condition', 'Procedure', 'AllergyIntolerance',
  'Immunization', 'MedicationRequest', 'MedicationStatement', 'MedicationAdministration', 'MedicationDispense',
  'DiagnosticReport', 'DocumentReference', 'ServiceRequest', 'Specimen', 'ImagingStudy', 'CarePlan', 'CareTeam',
  'Goal', 'FamilyMemberHistory', 'ClinicalImpression', 'RiskAssessment', 'Communication', 'Flag', 'Provenance',
  'QuestionnaireResponse', 'Composition', 'List', 'Consent', 'RelatedPerson',
];
const DIRECTORY = [
  'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'HealthcareService', 'Endpoint', 'Medication',
  'Device', 'Substance', 'Questionnaire', 'ValueSet', 'CodeSystem', 'Group',
];
const FINANCIAL = [
  'Coverage', 'CoverageEligibilityRequest', 'CoverageEligibilityResponse', 'Claim', 'ClaimResponse',
  'ExplanationOfBenefit', 'ChargeItem', 'Invoice', 'Account', 'PaymentNotice', 'PaymentReconciliation',
];

export const ROLE_CATALOGUE: Readonly<Record<string, RoleDefinition>> = {
  clinician: {
    description: 'Physicians: read, search, record and amend clinical data; read the directory',
    rules: [
      { types: CLINICAL, letters: 'crus' },
      { types: DIRECTORY, letters: 'rs' },
    ],
  },
  nurse: {
    description: 'Nurses: read and search clinical data; record observations and medication administrations',
    rules: [
      { types: CLINICAL, letters: 'rs' },
      { types: ['Observation', 'MedicationAdministration', 'Communication', 'Flag'], letters: 'cu' },
      { types: DIRECTORY, letters: 'rs' },
    ],
  },
  billing: {
    description: 'Billing staff: manage financial records; read patients, encounters and the directory',
    rules: [
      { types: FINANCIAL, letters: 'crus' },
      { types: ['Patient', 'Encounter', 'Procedure', 'Condition'], letters: 'rs' },
      { types: DIRECTORY, letters: 'rs' },
    ],
  },
  auditor: {
    description: 'Security officers and auditors: read and search the audit trail and provenance',
    rules: [{ types: ['AuditEvent', 'Provenance'], letters: 'rs' }],
  },
  admin: {
    description: 'Directory administrators: manage practitioners, organizations, locations and reference data',
    rules: [{ types: DIRECTORY, letters: 'cruds' }],
  },
  patient: {
    description: 'Patients: read and search their own record, nothing else',
    rules: [
      { types: CLINICAL, letters: 'rs', compartment: 'self' },
      { types: FINANCIAL, letters: 'rs', compartment: 'self' },
      { types: DIRECTORY, letters: 'rs' },
    ],
  },
};

export function isRole(name: string): boolean {
  return Object.hasOwn(ROLE_CATALOGUE, name);
}

export function roleAllows(rule: RoleRule, type: string, permission: Permission): boolean {
  return rule.letters.includes(permission) && (type === '*' ? false : rule.types.includes(type));
}
