/**
 * The search parameter that gives each type's care date, for $everything's `start` and `end` (R4
 * patient-operation-everything.html: "The date range relates to care dates, not record currency dates - e.g. all
 * records relating to care provided in a certain date range"). R4 names no such element per type, so this picks,
 * for each type of the patient compartment that has one, the date parameter saying when the care happened: when
 * it was observed, performed, given, ordered, collected or recorded at the point of care. Types left out
 * (Patient, RelatedPerson, Coverage, Consent, Provenance, ...) are about the person or the record, not an episode
 * of care, and are not narrowed by the range.
 */
const CARE_DATE_PARAMETERS: Readonly<Record<string, string>> = {
  AdverseEvent: 'date',
  AllergyIntolerance: 'date',
  Appointment: 'date',
  CarePlan: 'date',
  CareTeam: 'date',
  ChargeItem: 'occurrence',
  Claim: 'created',
  ClaimResponse: 'created',
  ClinicalImpression: 'date',
  Communication: 'sent',
  CommunicationRequest: 'authored',
  Composition: 'date',
  Condition: 'recorded-date',
  CoverageEligibilityRequest: 'created',
  CoverageEligibilityResponse: 'created',
  DetectedIssue: 'identified',
  DeviceRequest: 'authored-on',
  DiagnosticReport: 'date',
  DocumentManifest: 'created',
  DocumentReference: 'date',
  Encounter: 'date',
  EpisodeOfCare: 'date',
  ExplanationOfBenefit: 'created',
  FamilyMemberHistory: 'date',
  Flag: 'date',
  Goal: 'start-date',
  ImagingStudy: 'started',
  Immunization: 'date',
  ImmunizationEvaluation: 'date',
  ImmunizationRecommendation: 'date',
  Invoice: 'date',
  List: 'date',
  Media: 'created',
  MedicationAdministration: 'effective-time',
  MedicationDispense: 'whenhandedover',
  MedicationRequest: 'authoredon',
  MedicationStatement: 'effective',
  NutritionOrder: 'datetime',
  Observation: 'date',
  Procedure: 'date',
  QuestionnaireResponse: 'authored',
  RequestGroup: 'authored',
  RiskAssessment: 'date',
  ServiceRequest: 'authored',
  Specimen: 'collected',
  SupplyRequest: 'date',
  Task: 'authored-on',
  VisionPrescription: 'datewritten',
};

/** The care-date search parameter of a type, or undefined when the range does not narrow that type. */
export function careDateParameter(type: string): string | undefined {
  return Object.hasOwn(CARE_DATE_PARAMETERS, type) ? CARE_DATE_PARAMETERS[type] : undefined;
}

/** Every type with a care date, for the test that checks each parameter exists and is a date. */
export function careDateTypes(): string[] {
  return Object.keys(CARE_DATE_PARAMETERS);
}
