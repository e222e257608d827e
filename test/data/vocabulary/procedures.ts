/** SNOMED CT procedures with a billed charge in USD. */
export interface ProcedureKind {
  code: string;
  display: string;
  minutes: number;
  charge: number;
  /** Set for procedures done on one sex only. */
  onlyFor?: 'female' | 'male';
}

export const PROCEDURES: readonly ProcedureKind[] = [
  { code: '430193006', display: 'Medication Reconciliation (procedure)', minutes: 15, charge: 80 },
  { code: '171207006', display: 'Depression screening (procedure)', minutes: 10, charge: 45 },
  { code: '710824005', display: 'Assessment of health and social care needs (procedure)', minutes: 20, charge: 60 },
  { code: '399208008', display: 'Plain X-ray of chest (procedure)', minutes: 15, charge: 210 },
  { code: '23426006', display: 'Measurement of respiratory function (procedure)', minutes: 30, charge: 185 },
  { code: '117015009', display: 'Throat culture (procedure)', minutes: 10, charge: 55 },
  { code: '73761001', display: 'Colonoscopy (procedure)', minutes: 60, charge: 1850 },
  { code: '24623002', display: 'Screening mammography (procedure)', minutes: 30, charge: 340, onlyFor: 'female' },
  { code: '76601001', display: 'Intramuscular injection (procedure)', minutes: 5, charge: 35 },
];
