import { directoryCommandRecord, fullSyncCommand } from './directory-commands';
import { MessageHeaders } from './headers';
import { isIdpId } from './idp-id';

const IDP = '4f1c2b7e-9a3d-4c1e-8b2a-6d5e4f3a2b1c';

describe('directory commands', () => {
  const command = fullSyncCommand({
    commandId: 'c-1',
    idpId: IDP,
    reason: 'manual',
    requestedAt: '2026-12-03T10:00:00.000Z',
    includeUsers: true,
  });

  it('keys the record by IdP and names the command type and IdP in its headers', () => {
    const record = directoryCommandRecord(command);
    expect(record.key).toBe(IDP);
    expect(record.headers).toEqual({ [MessageHeaders.eventType]: 'full-sync', [MessageHeaders.idpId]: IDP });
    expect(JSON.parse(record.value)).toEqual({ ...command, type: 'full-sync' });
  });
});

describe('isIdpId', () => {
  it.each([IDP, IDP.toUpperCase()])('accepts the UUID %s', (value) => expect(isIdpId(value)).toBe(true));
  it.each(['', 'idp-1', `${IDP}x`, IDP.replace(/-/g, ''), 42, null, undefined])('refuses %p', (value) =>
    expect(isIdpId(value)).toBe(false),
  );
});
