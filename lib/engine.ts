/**
 * The seam to the CDK engine: everything the library and its app use of cdktf comes from here, and no
 * other file of lib/ or stacks/ names the engine package (ESLint enforces it). The cdktf flavour reads
 * `cdktf` 0.21.0; the cdktn flavour is compiled from this source with `cdktn` 0.24.0 here, which
 * exports every name cdktf 0.21 does (see scripts/build-flavour.js and the README, "Engine").
 * @packageDocumentation
 */
export * from 'cdktf';
