/** An interaction's parameters in order, repeats kept, URL-decoded: from an HTTP query, Parameters, or a Bundle entry's url. */
export type QueryParams = ReadonlyArray<readonly [string, string]>;

/** The server's page sizes (DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), for interactions that page outside the search engine. */
export interface PageSizes {
  defaultPageSize: number;
  maxPageSize: number;
}
