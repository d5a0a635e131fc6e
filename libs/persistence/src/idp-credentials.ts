import { Idp } from './entities/idp.entity';
import { idpCredentialsAad } from './sealed-columns';
import { SecretBox } from './secret-box';

export interface IdpCredentials {
  appId: string;
  appSecret: string;
  encryptKey: string | null;
  verificationToken: string;
}

export function sealCredentials(box: SecretBox, idpId: string, credentials: IdpCredentials): string {
  return box.seal(JSON.stringify(credentials), idpCredentialsAad(idpId));
}

export function openCredentials(box: SecretBox, idp: Pick<Idp, 'id' | 'sealedCredentials'>): IdpCredentials {
  return JSON.parse(box.open(idp.sealedCredentials, idpCredentialsAad(idp.id))) as IdpCredentials;
}
