// Barrel module: re-exports everything from ./pool, and the default under a name.
export * from './pool';
export { default as defaultPool } from './pool';
