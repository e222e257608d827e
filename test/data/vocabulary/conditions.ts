/**
 * Conditions coded in both SNOMED CT and ICD-10-CM, as EHRs send them. Chronic ones go on the problem list
 * and stay active; acute ones are encounter diagnoses that resolve. `medications` are RxNorm codes from
 * medications.ts that treat the condition.
 */
export interface ConditionKind {
  snomed: string;
  snomedDisplay: string;
  icd10: string;
  icd10Display: string;
  chronic: boolean;
  medications: readonly string[];
}

export const CONDITIONS: readonly ConditionKind[] = [
  {
    snomed: '44054006', snomedDisplay: 'Diabetes mellitus type 2', icd10: 'E11.9',
    icd10Display: 'Type 2 diabetes mellitus without complications', chronic: true, medications: ['860975'],
  },
  {
    snomed: '38341003', snomedDisplay: 'Hypertensive disorder, systemic arterial', icd10: 'I10',
    icd10Display: 'Essential (primary) hypertension', chronic: true, medications: ['314076', '197361'],
  },
  {
    snomed: '55822004', snomedDisplay: 'Hyperlipidemia', icd10: 'E78.5', icd10Display: 'Hyperlipidemia, unspecified',
    chronic: true, medications: ['259255', '312961'],
  },
  {
    snomed: '195967001', snomedDisplay: 'Asthma', icd10: 'J45.909', icd10Display: 'Unspecified asthma, uncomplicated',
    chronic: true, medications: ['745679', '895994'],
  },
  {
    snomed: '35489007', snomedDisplay: 'Depressive disorder', icd10: 'F32.9',
    icd10Display: 'Major depressive disorder, single episode, unspecified', chronic: true, medications: ['312938'],
  },
  {
    snomed: '239873007', snomedDisplay: 'Osteoarthritis of knee', icd10: 'M17.9',
    icd10Display: 'Osteoarthritis of knee, unspecified', chronic: true, medications: ['849574', '310965'],
  },
  {
    snomed: '271737000', snomedDisplay: 'Anemia', icd10: 'D64.9', icd10Display: 'Anemia, unspecified', chronic: true,
    medications: [],
  },
  {
    snomed: '162864005', snomedDisplay: 'Body mass index 30+ - obesity', icd10: 'E66.9',
    icd10Display: 'Obesity, unspecified', chronic: true, medications: [],
  },
  {
    snomed: '444814009', snomedDisplay: 'Viral sinusitis', icd10: 'J01.90', icd10Display: 'Acute sinusitis, unspecified',
    chronic: false, medications: ['313782'],
  },
  {
    snomed: '10509002', snomedDisplay: 'Acute bronchitis', icd10: 'J20.9', icd10Display: 'Acute bronchitis, unspecified',
    chronic: false, medications: ['308182', '313782'],
  },
  {
    snomed: '233604007', snomedDisplay: 'Pneumonia', icd10: 'J18.9', icd10Display: 'Pneumonia, unspecified organism',
    chronic: false, medications: ['308182'],
  },
  {
    snomed: '43878008', snomedDisplay: 'Streptococcal sore throat', icd10: 'J02.0', icd10Display: 'Streptococcal pharyngitis',
    chronic: false, medications: ['308182', '310965'],
  },
];
