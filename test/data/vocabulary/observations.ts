/**
 * LOINC observation codes with UCUM units and plausible adult ranges. `normal` is the reference range
 * reported with lab results; values are drawn from the wider `min`..`max` so some come out high or low.
 */
export interface Measurement {
  code: string;
  display: string;
  /** Human-readable unit (Quantity.unit). */
  unit: string;
  /** UCUM code (Quantity.code). */
  ucum: string;
  min: number;
  max: number;
  decimals: number;
  normal?: { low: number; high: number };
}

export const BLOOD_PRESSURE_PANEL = { code: '85354-9', display: 'Blood pressure panel with all children optional' } as const;

export const SYSTOLIC: Measurement = {
  code: '8480-6', display: 'Systolic blood pressure', unit: 'mmHg', ucum: 'mm[Hg]', min: 95, max: 165, decimals: 0,
};
export const DIASTOLIC: Measurement = {
  code: '8462-4', display: 'Diastolic blood pressure', unit: 'mmHg', ucum: 'mm[Hg]', min: 55, max: 105, decimals: 0,
};

export const VITALS = {
  heartRate: { code: '8867-4', display: 'Heart rate', unit: 'beats/minute', ucum: '/min', min: 52, max: 118, decimals: 0 },
  respiratoryRate: { code: '9279-1', display: 'Respiratory rate', unit: 'breaths/minute', ucum: '/min', min: 11, max: 24, decimals: 0 },
  temperature: { code: '8310-5', display: 'Body temperature', unit: '°C', ucum: 'Cel', min: 36.1, max: 38.9, decimals: 1 },
  oxygenSaturation: {
    code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', ucum: '%', min: 90, max: 100, decimals: 0,
  },
  weight: { code: '29463-7', display: 'Body weight', unit: 'kg', ucum: 'kg', min: 45, max: 130, decimals: 1 },
  height: { code: '8302-2', display: 'Body height', unit: 'cm', ucum: 'cm', min: 150, max: 198, decimals: 1 },
} as const satisfies Record<string, Measurement>;

const glucose: Measurement = {
  code: '2339-0', display: 'Glucose [Mass/volume] in Blood', unit: 'mg/dL', ucum: 'mg/dL', min: 65, max: 260, decimals: 0,
  normal: { low: 70, high: 99 },
};
const creatinine: Measurement = {
  code: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', min: 0.5, max: 1.9,
  decimals: 2, normal: { low: 0.6, high: 1.3 },
};
const potassium: Measurement = {
  code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', min: 3.2, max: 5.6,
  decimals: 1, normal: { low: 3.5, high: 5.1 },
};
const sodium: Measurement = {
  code: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', min: 131, max: 148,
  decimals: 0, normal: { low: 136, high: 145 },
};
const hemoglobin: Measurement = {
  code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', unit: 'g/dL', ucum: 'g/dL', min: 10.2, max: 17.8, decimals: 1,
  normal: { low: 12, high: 17.5 },
};
const leukocytes: Measurement = {
  code: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', unit: '10*3/uL', ucum: '10*3/uL', min: 3.2,
  max: 13.5, decimals: 1, normal: { low: 4.5, high: 11 },
};
const hba1c: Measurement = {
  code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', unit: '%', ucum: '%', min: 4.4, max: 10.5, decimals: 1,
  normal: { low: 4, high: 5.6 },
};
const cholesterol: Measurement = {
  code: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', min: 125, max: 290,
  decimals: 0, normal: { low: 0, high: 200 },
};

/** A lab order: the DiagnosticReport and ServiceRequest carry the panel code, one Observation per member. */
export interface LabPanel {
  code: string;
  display: string;
  specimen: { code: string; display: string };
  members: readonly Measurement[];
}

const SERUM = { code: '119364003', display: 'Serum specimen' };
const BLOOD = { code: '119297000', display: 'Blood specimen' };

export const LAB_PANELS: readonly LabPanel[] = [
  {
    code: '24323-8', display: 'Comprehensive metabolic 2000 panel - Serum or Plasma', specimen: SERUM,
    members: [glucose, creatinine, potassium, sodium],
  },
  { code: '58410-2', display: 'CBC panel - Blood by Automated count', specimen: BLOOD, members: [hemoglobin, leukocytes] },
  { code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', specimen: BLOOD, members: [hba1c] },
  { code: '57698-3', display: 'Lipid panel with direct LDL - Serum or Plasma', specimen: SERUM, members: [cholesterol] },
];
