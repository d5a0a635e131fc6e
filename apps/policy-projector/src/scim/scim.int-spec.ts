import { NestFastifyApplication } from '@nestjs/platform-fastify';
import SCIMMY from 'scimmy';
import { entityKey } from '@app/contracts';
import { runMigrations } from '@app/persistence';
import { ProjectionService } from '../projection/projection.service';
import { aDepartment, aUser, ChangeStream } from '../testing/directory-change.factory';
import { authorization, startProjector } from '../testing/projector-harness';

const stream = new ChangeStream();
const idp = stream.idpId;

type Payload = Record<string, any>;
type AttributeDefinition = SCIMMY.Types.Attribute.AttributeDefinition;
const { Attribute } = SCIMMY.Types;
const { ErrorResponse, ListResponse } = SCIMMY.Messages;
const RESOURCE_DEFINITIONS = [
  SCIMMY.Schemas.User,
  SCIMMY.Schemas.Group,
  SCIMMY.Schemas.ResourceType,
  SCIMMY.Schemas.ServiceProviderConfig,
].map((schema) => schema.definition);
// RFC 7643 §5 lists no `primary` for authentication schemes, but its §8.5 example has one, as ours does.
SCIMMY.Schemas.ServiceProviderConfig.definition
  .attribute('authenticationSchemes')
  .subAttributes!.push(new Attribute('boolean', 'primary'));

/** A value as it would be sent, so scimmy's coerced values compare with the response's. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

/** A served attribute definition (RFC 7643 §7) as a scimmy Attribute, which refuses non-canonical characteristics. */
function toAttribute({
  type,
  name,
  mutability,
  subAttributes = [],
  ...characteristics
}: AttributeDefinition): SCIMMY.Types.Attribute {
  return new Attribute(
    type,
    name,
    { ...characteristics, mutable: mutability },
    subAttributes.map(toAttribute),
  );
}

/** An Error (RFC 7644 §3.12), rebuilt from its fields: scimmy rethrows a whole Error message unchecked. */
function expectScimError(body: Payload): void {
  const { status, scimType, detail } = body;
  expect(plain(new ErrorResponse({ status, scimType, detail }))).toEqual(body);
}

/** A ListResponse (RFC 7644 §3.4.2) whose Resources each pass `expectItem`. */
function expectListResponse(body: Payload, expectItem: (item: Payload) => void): void {
  // scimmy re-paginates the Resources it parses, so they are kept as received and checked one by one.
  expect(
    plain({ ...new ListResponse(body as SCIMMY.Messages.ListResponse), Resources: body.Resources }),
  ).toEqual(body);
  body.Resources.forEach(expectItem);
}

/** A Schema resource (RFC 7643 §7): each attribute definition through scimmy's Attribute. */
function expectSchemaResource(body: Payload): void {
  // scimmy has no definition of the Schema resource itself, only of the attributes it lists.
  expect(body).toMatchObject({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: expect.stringMatching(/^urn:/),
    attributes: expect.any(Array),
  });
  for (const attribute of body.attributes) expect(attribute).toMatchObject(plain(toAttribute(attribute)));
}

describe('SCIM 2.0 read API (real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  /** Each schema /Schemas serves, as one complex scimmy Attribute by URN, to check schema extensions against. */
  let servedSchemas: Map<string, SCIMMY.Types.Attribute>;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers: { ...authorization, ...headers } });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? JSON.parse(response.body) : undefined,
    };
  };
  const filtered = (filter: string) => `/scim/v2/Users?filter=${encodeURIComponent(filter)}`;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    app = await startProjector({ consume: false });
    await app.get(ProjectionService).projectBatch([
      stream.department(aDepartment({ openDepartmentId: 'od_top', name: 'Top' }), 'created'),
      stream.department(
        aDepartment({ openDepartmentId: 'od_ops', name: 'Ops', parentId: 'od_top' }),
        'created',
      ),
      ...['s1', 's2', 's3', 's4'].map((id) =>
        stream.user(
          aUser({
            openId: `${id}-${idp}`,
            email: `${id}-${idp}@example.test`,
            userId: `${id}-${idp}`,
            departmentIds: ['od_ops'],
          }),
          'created',
        ),
      ),
      stream.user(
        aUser({
          openId: `s5-${idp}`,
          email: null,
          userId: `s5-${idp}`,
          departmentIds: ['od_ops'],
          status: 'frozen',
        }),
        'created',
      ),
    ]);
    const schemas = await get('/scim/v2/Schemas');
    servedSchemas = new Map(
      schemas.body.Resources.map((schema: Payload) => [
        schema.id,
        new Attribute('complex', schema.name, { required: true }, schema.attributes.map(toAttribute)),
      ]),
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  /** A User, Group, ResourceType or ServiceProviderConfig that scimmy's definition coerces outbound unchanged. */
  function expectResource(body: Payload): void {
    // Coercion throws on a missing required attribute or a wrong type, plurality or canonical value, but silently
    // drops unknown attributes and normalises dates and numeric strings: hence the comparison with the response.
    const definition = RESOURCE_DEFINITIONS.find((candidate) => body.schemas?.includes(candidate.id));
    if (!definition) throw new Error(`no scimmy definition for ${body.schemas}`);
    // scimmy refuses extension URNs outside urn:ietf:params:scim:schemas:, so ours go through /Schemas.
    const declaredExtensions = body.schemas
      .filter((urn: string) => urn !== definition.id)
      .map((urn: string) => [urn, servedSchemas.get(urn)?.coerce(body[urn], 'out')]);
    expect(plain({ ...definition.coerce(body, 'out'), ...Object.fromEntries(declaredExtensions) })).toEqual(
      body,
    );
  }

  it.each([
    ['/scim/v2/ServiceProviderConfig', (body: Payload) => expectResource(body)],
    ['/scim/v2/Schemas', (body: Payload) => expectListResponse(body, expectSchemaResource)],
    ['/scim/v2/ResourceTypes', (body: Payload) => expectListResponse(body, expectResource)],
    [`/scim/v2/Users?count=3`, (body: Payload) => expectListResponse(body, expectResource)],
    ['/scim/v2/Groups?count=5', (body: Payload) => expectListResponse(body, expectResource)],
  ])('should serve %s as RFC 7643 application/scim+json', async (url, expectConforming) => {
    const { status, headers, body } = await get(url);
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/scim\+json/);
    expectConforming(body);
  });

  it('should find a user by userName, externalId and id, with a meta.version ETag', async () => {
    const byName = await get(filtered(`userName eq "S1-${idp}@EXAMPLE.test"`));
    expect(byName.body.totalResults).toBe(1);
    const user = byName.body.Resources[0];
    expect(user).toMatchObject({
      id: entityKey(idp, `s1-${idp}`),
      externalId: `s1-${idp}`,
      active: true,
      groups: [{ value: entityKey(idp, 'od_ops'), display: 'Ops' }],
    });
    expect((await get(filtered(`externalId eq "s1-${idp}"`))).body.Resources[0].id).toBe(user.id);
    const single = await get(`/scim/v2/Users/${encodeURIComponent(user.id)}`);
    expectResource(single.body);
    expect(single.headers.etag).toBe(user.meta.version);
    expect(
      (await get(`/scim/v2/Users/${encodeURIComponent(user.id)}`, { 'if-none-match': user.meta.version }))
        .status,
    ).toBe(304);
  });

  it('should filter on active and page with startIndex and count', async () => {
    // Other suites share the database, so read every page of the filter rather than the first one.
    const inactive: { id: string; active: boolean }[] = [];
    for (let startIndex = 1, total = 1; startIndex <= total; startIndex += 500) {
      const page = await get(`${filtered('active eq false')}&startIndex=${startIndex}&count=500`);
      total = page.body.totalResults;
      inactive.push(...page.body.Resources);
    }
    expect(inactive.map((u) => u.id)).toContain(entityKey(idp, `s5-${idp}`));
    expect(inactive.every((u) => !u.active)).toBe(true);
    const first = await get('/scim/v2/Users?startIndex=1&count=2');
    const second = await get('/scim/v2/Users?startIndex=3&count=2');
    expect(first.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(second.body.startIndex).toBe(3);
    expect(first.body.Resources[1].id).not.toBe(second.body.Resources[0].id);
  });

  it('should serve departments as Groups with their members', async () => {
    const { status, body } = await get(`/scim/v2/Groups/${encodeURIComponent(entityKey(idp, 'od_ops'))}`);
    expect(status).toBe(200);
    expectResource(body);
    expect(body.displayName).toBe('Ops');
    expect(body.members).toHaveLength(5);
  });

  it.each([
    [filtered('name co "x"'), 400, 'invalidFilter'],
    [filtered('emails eq "x"'), 400, 'invalidFilter'],
    ['/scim/v2/Users?count=abc', 400, 'invalidValue'],
    ['/scim/v2/Users/nope', 404, undefined],
    [`/scim/v2/Groups/${encodeURIComponent(entityKey(idp, 'od_missing'))}`, 404, undefined],
  ])('should answer %s with a SCIM error', async (url, status, scimType) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expectScimError(response.body);
    expect(response.body).toMatchObject({ status: String(status), ...(scimType ? { scimType } : {}) });
  });

  it('should refuse a missing bearer token with a SCIM error', async () => {
    const response = await app.inject({ method: 'GET', url: '/scim/v2/Users' });
    expect(response.statusCode).toBe(401);
    expectScimError(response.json());
  });
});
