/**
 * Write-time search indexing: the R4 search parameter registry, the extraction of normalized index values
 * (resources/search/index-format.ts) and the store indexes they need.
 */
export { createResourceIndexer } from './resource-indexer';
export {
  searchParameterFor,
  searchParametersOf,
  type SearchParameterComponentInfo,
  type SearchParameterInfo,
  type SearchParamType,
} from './search-parameter-registry';
export { foldText } from './fold-text';
export { indexSpecsFor, indexedFields, INDEXED_SUB_FIELDS, MAX_INDEXES } from './index-specs';
export { parseLiteralReference, type LiteralReference } from './literal-reference';
export { CURRENCY_SYSTEM, UCUM_SYSTEM } from './quantity-entries';
