/**
 * Every column that holds a SecretBox-sealed value, with the associated data that binds a value to its row
 * (a value copied to another row does not open). `rotate-master-key` re-seals exactly these.
 */
export interface SealedColumn {
  table: string;
  idColumn: string;
  column: string;
  associatedData: (id: string) => string;
}

export const idpCredentialsAad = (idpId: string) => `idp:${idpId}`;
export const ssoSigningKeyAad = (kid: string) => `sso_signing_key:${kid}`;

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'idp', idColumn: 'id', column: 'sealed_credentials', associatedData: idpCredentialsAad },
  {
    table: 'sso_signing_key',
    idColumn: 'kid',
    column: 'private_jwk_sealed',
    associatedData: ssoSigningKeyAad,
  },
];
