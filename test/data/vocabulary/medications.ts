/** RxNorm clinical drugs with a typical sig, used both as shared Medication resources and inline codes. */
export interface Drug {
  rxnorm: string;
  display: string;
  sig: string;
  dose: { value: number; unit: string; formCode: string };
  /** Times per day, or undefined for as-needed use. */
  frequency?: number;
}

export const DRUGS: readonly Drug[] = [
  {
    rxnorm: '860975', display: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet',
    sig: 'Take 1 tablet by mouth once daily with the evening meal', dose: { value: 1, unit: 'tablet', formCode: 'TAB' }, frequency: 1,
  },
  {
    rxnorm: '314076', display: 'lisinopril 10 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily',
    dose: { value: 1, unit: 'tablet', formCode: 'TAB' }, frequency: 1,
  },
  {
    rxnorm: '197361', display: 'amlodipine 5 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily',
    dose: { value: 1, unit: 'tablet', formCode: 'TAB' }, frequency: 1,
  },
  {
    rxnorm: '259255', display: 'atorvastatin 80 MG Oral Tablet', sig: 'Take 1 tablet by mouth at bedtime',
    dose: { value: 1, unit: 'tablet', formCode: 'TAB' }, frequency: 1,
  },
  {
    rxnorm: '312961', display: 'simvastatin 20 MG Oral Tablet', sig: 'Take 1 tablet by mouth at bedtime',
    dose: { value: 1, unit: 'tablet', formCode: 'TAB' }, frequency: 1,
  },
  {
    rxnorm: '745679', display: '200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler',
    sig: 'Inhale 2 puffs every 4 to 6 hours as needed for wheezing', dose: { value: 2, unit: 'puff', formCode: 'INHL' },
  },
  {
    rxnorm: '895994', display: '120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler',
    sig: 'Inhale 2 puffs twice daily', dose: { value: 2, unit: 'puff', formCode: 'INHL' }, frequency: 2,
  },
  {
    rxnorm: '312938', display: 'sertraline 100 MG Oral Tablet', sig: 'Take 1 tablet by mouth once daily',
    dose: { value: 1, unit: 'tablet', formCode: 'TAB' }, frequency: 1,
  },
  {
    rxnorm: '849574', display: 'naproxen sodium 220 MG Oral Tablet', sig: 'Take 1 tablet by mouth every 12 hours as needed for pain',
    dose: { value: 1, unit: 'tablet', formCode: 'TAB' },
  },
  {
    rxnorm: '310965', display: 'ibuprofen 200 MG Oral Tablet', sig: 'Take 2 tablets by mouth every 6 hours as needed for pain',
    dose: { value: 2, unit: 'tablet', formCode: 'TAB' },
  },
  {
    rxnorm: '313782', display: 'acetaminophen 325 MG Oral Tablet', sig: 'Take 2 tablets by mouth every 6 hours as needed for fever',
    dose: { value: 2, unit: 'tablet', formCode: 'TAB' },
  },
  {
    rxnorm: '308182', display: 'amoxicillin 250 MG Oral Capsule', sig: 'Take 2 capsules by mouth three times daily for 10 days',
    dose: { value: 2, unit: 'capsule', formCode: 'CAP' }, frequency: 3,
  },
];

export function drugByRxnorm(rxnorm: string): Drug {
  const drug = DRUGS.find((d) => d.rxnorm === rxnorm);
  if (!drug) throw new Error(`unknown RxNorm code ${rxnorm}`);
  return drug;
}
