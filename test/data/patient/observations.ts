import type { CodeableConcept, Observation, ObservationReferenceRange, Reference } from 'fhir/r4';
import { concept, ucum } from '../datatypes';
import { referenceTo } from '../ids';
import { formatDateTime, formatInstant } from '../time';
import { BLOOD_PRESSURE_PANEL, DIASTOLIC, SYSTOLIC, VITALS, type Measurement } from '../vocabulary/observations';
import { SYSTEM } from '../vocabulary/systems';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

export type VitalSign = keyof typeof VITALS | 'bloodPressure';

const VITAL_SIGNS = concept(SYSTEM.observationCategory, 'vital-signs', 'Vital Signs');
const LABORATORY = concept(SYSTEM.observationCategory, 'laboratory', 'Laboratory');

/**
 * A vital sign taken at the start of a visit, shaped after the R4 vital signs profile
 * (https://hl7.org/fhir/R4/observation-vitalsigns.html): blood pressure is one Observation with systolic
 * and diastolic components and no value of its own.
 */
export function buildVitalSign(ctx: PatientContext, visit: Visit, sign: VitalSign, at: number): Observation {
  const base: Observation = {
    resourceType: 'Observation',
    id: ctx.nextId('obs'),
    status: 'final',
    category: [VITAL_SIGNS],
    code: loinc(BLOOD_PRESSURE_PANEL),
    subject: ctx.ref,
    encounter: visit.ref,
    effectiveDateTime: formatDateTime(at, ctx.zone),
    performer: [referenceTo('Practitioner', visit.practitionerId)],
  };
  if (sign === 'bloodPressure') {
    base.component = [SYSTOLIC, DIASTOLIC].map((m) => ({ code: loinc(m), valueQuantity: quantity(m, draw(ctx, m)) }));
    return base;
  }
  const measurement: Measurement = VITALS[sign];
  base.code = loinc(measurement);
  base.valueQuantity = quantity(measurement, vitalValue(ctx, sign, measurement));
  return base;
}

/** What links a lab result to its order: the ServiceRequest, the Specimen, who ran it and when. */
export interface LabContext {
  serviceRequest: Reference;
  specimen: Reference;
  collected: number;
  issued: number;
}

export function buildLabResult(ctx: PatientContext, visit: Visit, measurement: Measurement, lab: LabContext): Observation {
  const value = draw(ctx, measurement);
  const observation: Observation = {
    resourceType: 'Observation',
    id: ctx.nextId('obs'),
    basedOn: [lab.serviceRequest],
    status: 'final',
    category: [LABORATORY],
    code: loinc(measurement),
    subject: ctx.ref,
    encounter: visit.ref,
    effectiveDateTime: formatDateTime(lab.collected, ctx.zone),
    issued: formatInstant(lab.issued),
    performer: [referenceTo('Organization', ctx.lab.id, ctx.lab.name)],
    valueQuantity: quantity(measurement, value),
    specimen: lab.specimen,
  };
  if (measurement.normal) {
    observation.interpretation = [interpretation(value, measurement.normal)];
    observation.referenceRange = [referenceRange(measurement, measurement.normal)];
  }
  return observation;
}

function loinc(m: { code: string; display: string }): CodeableConcept {
  return concept(SYSTEM.loinc, m.code, m.display, m.display);
}

function quantity(m: Measurement, value: number) {
  return ucum(value, m.unit, m.ucum);
}

function draw(ctx: PatientContext, m: Measurement): number {
  return ctx.rng.decimal(m.min, m.max, m.decimals);
}

/** Height and weight stay near the patient's own; other signs vary from visit to visit. */
function vitalValue(ctx: PatientContext, sign: VitalSign, m: Measurement): number {
  if (sign === 'height') return Math.round((ctx.heightCm + ctx.rng.decimal(-0.5, 0.5, 1)) * 10) / 10;
  if (sign === 'weight') return Math.round((ctx.weightKg + ctx.rng.decimal(-3, 3, 1)) * 10) / 10;
  return draw(ctx, m);
}

function interpretation(value: number, normal: { low: number; high: number }): CodeableConcept {
  if (value > normal.high) return concept(SYSTEM.interpretation, 'H', 'High');
  if (value < normal.low) return concept(SYSTEM.interpretation, 'L', 'Low');
  return concept(SYSTEM.interpretation, 'N', 'Normal');
}

/** A zero lower bound (cholesterol) is not a bound, so only the upper one is reported. */
function referenceRange(m: Measurement, normal: { low: number; high: number }): ObservationReferenceRange {
  const range: ObservationReferenceRange = { high: quantity(m, normal.high) };
  if (normal.low > 0) range.low = quantity(m, normal.low);
  return range;
}
