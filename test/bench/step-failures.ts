/**
 * Counts responses a scenario did not expect, per step (`POST Patient`, `GET Claim`, ...), and keeps the
 * first few distinct ones verbatim. autocannon only counts non-2xx; a step can also fail with a 2xx (a create that
 * answers 200 without a Location), and knowing which step failed is what makes a failure actionable.
 */
const MAX_SAMPLES = 5;
const SAMPLE_BODY_CHARS = 300;

export class StepFailures {
  private counts = new Map<string, number>();
  private kept: string[] = [];

  record(step: string, status: number, detail: string): void {
    this.counts.set(step, (this.counts.get(step) ?? 0) + 1);
    const sample = `${step} -> ${status}: ${detail.slice(0, SAMPLE_BODY_CHARS)}`;
    if (this.kept.length < MAX_SAMPLES && !this.kept.includes(sample)) this.kept.push(sample);
  }

  reset(): void {
    this.counts = new Map();
    this.kept = [];
  }

  byStep(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  samples(): string[] {
    return [...this.kept];
  }
}
