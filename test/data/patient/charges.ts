import type { CodeableConcept } from 'fhir/r4';

/** One billable line: what was done and its charge in cents. */
export interface ChargeLine {
  service: CodeableConcept;
  cents: number;
}

/** Billable services collected per visit while the record is built, then billed by one Claim per visit. */
export class ChargeSheet {
  private readonly lines = new Map<string, ChargeLine[]>();

  add(visitId: string, line: ChargeLine): void {
    const forVisit = this.lines.get(visitId) ?? [];
    forVisit.push(line);
    this.lines.set(visitId, forVisit);
  }

  linesFor(visitId: string): readonly ChargeLine[] {
    return this.lines.get(visitId) ?? [];
  }
}
