/** CVX vaccine codes (CDC) with a billed charge in USD. */
export interface Vaccine {
  cvx: string;
  display: string;
  charge: number;
}

export const VACCINES: readonly Vaccine[] = [
  { cvx: '140', display: 'Influenza, seasonal, injectable, preservative free', charge: 42 },
  { cvx: '115', display: 'Tdap', charge: 65 },
  { cvx: '113', display: 'Td (adult) preservative free', charge: 48 },
  { cvx: '133', display: 'Pneumococcal conjugate PCV 13', charge: 230 },
  { cvx: '33', display: 'pneumococcal polysaccharide vaccine, 23 valent', charge: 120 },
  { cvx: '187', display: 'zoster vaccine recombinant', charge: 210 },
  { cvx: '43', display: 'Hep B, adult', charge: 85 },
  { cvx: '208', display: 'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose', charge: 0 },
];
