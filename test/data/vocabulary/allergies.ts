/** Allergy substances (SNOMED CT) with the category AllergyIntolerance.category takes and a typical reaction. */
export interface AllergyKind {
  code: string;
  display: string;
  category: 'food' | 'medication' | 'environment';
  reaction: { code: string; display: string };
}

export const ALLERGIES: readonly AllergyKind[] = [
  { code: '764146007', display: 'Penicillin (substance)', category: 'medication', reaction: { code: '271807003', display: 'Eruption of skin (disorder)' } },
  { code: '387458008', display: 'Aspirin (substance)', category: 'medication', reaction: { code: '247472004', display: 'Wheal (finding)' } },
  { code: '387406002', display: 'Sulfamethoxazole (substance)', category: 'medication', reaction: { code: '271807003', display: 'Eruption of skin (disorder)' } },
  { code: '762952008', display: 'Peanut (substance)', category: 'food', reaction: { code: '39579001', display: 'Anaphylaxis (disorder)' } },
  { code: '227493005', display: 'Cashew nuts (substance)', category: 'food', reaction: { code: '247472004', display: 'Wheal (finding)' } },
  { code: '256259004', display: 'Pollen (substance)', category: 'environment', reaction: { code: '49727002', display: 'Cough (finding)' } },
  { code: '260147004', display: 'House dust mite (organism)', category: 'environment', reaction: { code: '76067001', display: 'Sneezing (finding)' } },
  { code: '111088007', display: 'Latex (substance)', category: 'environment', reaction: { code: '271807003', display: 'Eruption of skin (disorder)' } },
];
