import { resourceTypes } from '../../definitions/resource-types';
import { indexSpecsFor, indexSpecsOf, MAX_INDEXES } from './index-specs';
import { createResourceIndexer } from './resource-indexer';
import type { SearchParameterInfo } from './search-parameter-registry';

describe('store indexes per resource type', () => {
  it('stays within MongoDB limits for every R4 type, with unique deterministic names', () => {
    for (const type of resourceTypes()) {
      const specs = indexSpecsFor(type);
      expect(specs.length).toBeLessThanOrEqual(MAX_INDEXES);
      expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
      expect(indexSpecsFor(type)).toEqual(specs);
    }
  });

  it('indexes lastUpdated with _id, the compartments, and each parameter on the sub-field its queries use', () => {
    const names = indexSpecsFor('Observation').map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['lastUpdated_id', 'compartments']);
    expect(names).toEqual(
      expect.arrayContaining([
        'sp_subject_r',
        'sp_code_c',
        'sp__tag_c',
        'sp_date_lo',
        'sp_date_hi',
        'sp_value-string_f',
        'sp_value-quantity_v',
        'sp__profile_u',
        'sp_code-value-quantity_c0_c',
      ]),
    );
    expect(indexSpecsFor('Observation').find((s) => s.name === 'sp_code_c')?.keys).toEqual([['sp.code.c', 1]]);
    expect(indexSpecsFor('Observation').find((s) => s.name === 'lastUpdated_id')?.keys).toEqual([
      ['lastUpdated', 1],
      ['_id', 1],
    ]);
    expect(names.some((n) => n.startsWith('sp__id') || n.startsWith('sp__lastUpdated'))).toBe(false);
  });

  it('indexes numbers, positions and composites whose first component is a reference', () => {
    expect(indexSpecsFor('RiskAssessment').map((s) => s.name)).toContain('sp_probability_n');
    expect(indexSpecsFor('Location').map((s) => s.name)).toContain('sp_near_c0_n');
    expect(indexSpecsFor('DocumentReference').map((s) => s.name)).toContain('sp_relationship_c0_r');
  });

  it('keeps references, tokens and dates first when a type has more parameters than indexes', () => {
    const param = (code: string, type: SearchParameterInfo['type']): SearchParameterInfo => ({ code, type, expression: `X.${code}`, url: code, description: '' });
    const many = [
      ...Array.from({ length: 30 }, (_, i) => param(`s${i}`, 'string')),
      ...Array.from({ length: 20 }, (_, i) => param(`r${i}`, 'reference')),
      ...Array.from({ length: 20 }, (_, i) => param(`d${i}`, 'date')),
    ];
    const names = indexSpecsOf(many).map((s) => s.name);
    expect(names).toHaveLength(MAX_INDEXES);
    expect(names.filter((n) => /^sp_r\d+_r$/.test(n))).toHaveLength(20);
    expect(names.filter((n) => /^sp_d\d+_(lo|hi)$/.test(n))).toHaveLength(38);
    expect(names.filter((n) => /^sp_s\d+_f$/.test(n))).toHaveLength(0);
  });

  it('hands each caller its own copy', () => {
    const indexer = createResourceIndexer({ fhirBase: 'http://localhost:8080/fhir' });
    const first = indexer.indexSpecs('Patient');
    first.pop();
    expect(indexer.indexSpecs('Patient')).toHaveLength(first.length + 1);
  });
});
