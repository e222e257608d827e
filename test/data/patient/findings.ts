import type { DiagnosticReport, Observation, Reference, ServiceRequest, Specimen } from 'fhir/r4';
import { referenceTo } from '../ids';
import { HOUR, MINUTE } from '../time';
import { LAB_PANELS, type LabPanel } from '../vocabulary/observations';
import type { ObservationPlan } from '../vocabulary/encounter-types';
import type { PatientContext } from './context';
import type { Visit } from './encounters';
import { buildDiagnosticReport, buildServiceRequest, buildSpecimen } from './lab-orders';
import { buildLabResult, buildVitalSign, type VitalSign } from './observations';

export interface Findings {
  serviceRequests: ServiceRequest[];
  specimens: Specimen[];
  observations: Observation[];
  reports: DiagnosticReport[];
  /** DiagnosticReports by Encounter id, for Provenance. */
  reportsByVisit: Map<string, Reference[]>;
}

const VITALS_FOR_PLAN: Record<ObservationPlan, readonly VitalSign[]> = {
  'vitals-then-labs': ['heartRate', 'respiratoryRate', 'temperature', 'oxygenSaturation', 'bloodPressure', 'weight', 'height'],
  'brief-vitals-then-labs': ['heartRate', 'bloodPressure', 'temperature', 'oxygenSaturation'],
  'labs-only': [],
};

/**
 * Spreads the patient's observation budget evenly over the visits. Each visit spends its share in the
 * order its kind dictates (vital signs, then lab panels), so a check-up's share may go to vitals alone
 * while a lab visit's goes to panels; the last panel is cut short when the share runs out.
 */
export function buildFindings(ctx: PatientContext, visits: readonly Visit[]): Findings {
  const findings: Findings = { serviceRequests: [], specimens: [], observations: [], reports: [], reportsByVisit: new Map() };
  const total = ctx.options.observationsPerPatient;
  visits.forEach((visit, i) => {
    let share = Math.floor(total / visits.length) + (i < total % visits.length ? 1 : 0);
    const measuredAt = visit.start + ctx.rng.int(3, 12) * MINUTE;
    for (const sign of VITALS_FOR_PLAN[visit.kind.observations].slice(0, share)) {
      findings.observations.push(buildVitalSign(ctx, visit, sign, measuredAt));
      share--;
    }
    let panelIndex = ctx.rng.int(0, LAB_PANELS.length - 1);
    while (share > 0) {
      const panel = LAB_PANELS[panelIndex++ % LAB_PANELS.length];
      const results = Math.min(share, panel.members.length);
      addLabPanel(ctx, visit, panel, results, findings);
      share -= results;
    }
  });
  return findings;
}

function addLabPanel(ctx: PatientContext, visit: Visit, panel: LabPanel, results: number, findings: Findings): void {
  const { rng } = ctx;
  const collected = visit.start + rng.int(10, 30) * MINUTE + rng.int(0, 59) * 1000;
  const received = collected + rng.int(30, 90) * MINUTE;
  const issued = received + rng.int(1, 20) * HOUR + rng.int(0, 59) * MINUTE;
  const serviceRequest = buildServiceRequest(ctx, visit, panel, collected);
  const order = referenceTo('ServiceRequest', serviceRequest.id as string);
  const specimen = buildSpecimen(ctx, visit, panel, order, collected, received);
  const specimenRef = referenceTo('Specimen', specimen.id as string);
  const lab = { serviceRequest: order, specimen: specimenRef, collected, issued };
  const observations = panel.members.slice(0, results).map((m) => buildLabResult(ctx, visit, m, lab));
  const report = buildDiagnosticReport(ctx, visit, panel, {
    order,
    specimen: specimenRef,
    results: observations.map((o) => referenceTo('Observation', o.id as string)),
    collected,
    issued,
  });
  findings.serviceRequests.push(serviceRequest);
  findings.specimens.push(specimen);
  findings.observations.push(...observations);
  findings.reports.push(report);
  const forVisit = findings.reportsByVisit.get(visit.id) ?? [];
  forVisit.push(referenceTo('DiagnosticReport', report.id as string));
  findings.reportsByVisit.set(visit.id, forVisit);
}
