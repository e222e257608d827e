/** Validation of every resource written to the server: see resource-validator.ts. */
export { createResourceValidator, type ResourceValidator } from './resource-validator';
