import type { Dosage, MedicationRequest } from 'fhir/r4';
import { concept } from '../datatypes';
import { referenceTo } from '../ids';
import { formatDateTime, MINUTE } from '../time';
import { drugByRxnorm, type Drug } from '../vocabulary/medications';
import { SYSTEM } from '../vocabulary/systems';
import type { Diagnosis } from './conditions';
import type { PatientContext } from './context';
import type { Visit } from './encounters';

/** Pain and fever relief, prescribed when none of the patient's conditions has a drug of its own. */
const FALLBACK = ['313782', '310965'];

/**
 * Each condition's drugs are prescribed at the visit that diagnosed it; further requests are refills at
 * later visits. Half name the drug inline (medicationCodeableConcept), half point at the shared
 * Medication resource (medicationReference), as both occur in practice.
 */
export function buildMedicationRequests(
  ctx: PatientContext, visits: readonly Visit[], diagnoses: readonly Diagnosis[],
): MedicationRequest[] {
  const { rng } = ctx;
  const treatable = diagnoses.flatMap((d) => d.kind.medications.map((rxnorm) => ({ diagnosis: d as Diagnosis | undefined, rxnorm })));
  const plans = treatable.length > 0 ? treatable : FALLBACK.map((rxnorm) => ({ diagnosis: undefined, rxnorm }));
  const requests: MedicationRequest[] = [];
  for (let i = 0; i < ctx.options.medicationRequestsPerPatient; i++) {
    const { diagnosis, rxnorm } = plans[i % plans.length];
    const drug = drugByRxnorm(rxnorm);
    const diagnosedAt = diagnosis?.visit.start ?? visits[0].start;
    const visit = i < plans.length && diagnosis ? diagnosis.visit : rng.pick(visits.filter((v) => v.start >= diagnosedAt));
    const chronic = diagnosis?.kind.chronic ?? false;
    const status = chronic ? (rng.chance(0.85) ? 'active' : 'stopped') : 'completed';
    const medication: Pick<MedicationRequest, 'medicationCodeableConcept' | 'medicationReference'> = rng.chance(0.5)
      ? { medicationCodeableConcept: concept(SYSTEM.rxnorm, drug.rxnorm, drug.display, drug.display) }
      : { medicationReference: referenceTo('Medication', ctx.catalog.medicationIds.get(drug.rxnorm) as string, drug.display) };
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: ctx.nextId('mreq'),
      status,
      intent: 'order',
      ...medication,
      subject: ctx.ref,
      encounter: visit.ref,
      authoredOn: formatDateTime(visit.start + rng.int(10, 40) * MINUTE, ctx.zone),
      requester: referenceTo('Practitioner', visit.practitionerId),
    };
    if (diagnosis) request.reasonReference = [diagnosis.ref];
    request.dosageInstruction = [dosage(drug)];
    requests.push(request);
  }
  return requests;
}

function dosage(drug: Drug): Dosage {
  const inhaled = drug.dose.formCode === 'INHL';
  const dose: Dosage = {
    sequence: 1,
    text: drug.sig,
    route: inhaled
      ? concept(SYSTEM.snomed, '447694001', 'Respiratory tract route (qualifier value)')
      : concept(SYSTEM.snomed, '26643006', 'Oral route (qualifier value)'),
    doseAndRate: [{ doseQuantity: { value: drug.dose.value, unit: drug.dose.unit, system: SYSTEM.orderableDrugForm, code: drug.dose.formCode } }],
  };
  if (drug.frequency === undefined) {
    dose.asNeededBoolean = true;
  } else {
    dose.timing = { repeat: { frequency: drug.frequency, period: 1, periodUnit: 'd' } };
  }
  return dose;
}
