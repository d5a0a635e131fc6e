/** Who made an admin request: the credential that authenticated it and where the request came from. */
export interface Actor {
  credentialId: string;
  credentialName: string;
  address: string;
  requestId: string;
  traceId: string | null;
}
