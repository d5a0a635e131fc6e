import {
  brokerProperties,
  javaArgs,
  kafkaVersionFromPom,
  newClusterId,
  renderProperties,
  scramCredentialArgs,
} from './kafka-config';

describe('brokerProperties', () => {
  const properties = brokerProperties({ clientPort: 19092, controllerPort: 19093, logDir: '/tmp/k/logs' });

  it.each([
    ['process.roles', 'broker,controller'],
    ['controller.quorum.voters', '1@127.0.0.1:19093'],
    ['listeners', 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093'],
    ['advertised.listeners', 'PLAINTEXT://127.0.0.1:19092'],
    ['log.dirs', '/tmp/k/logs'],
    ['offsets.topic.replication.factor', '1'],
    ['offsets.topic.num.partitions', '1'],
    ['transaction.state.log.num.partitions', '1'],
    ['group.initial.rebalance.delay.ms', '0'],
    ['auto.create.topics.enable', 'false'],
    ['log.cleaner.backoff.ms', '1000'],
  ])('should set %s to %s', (key, value) => {
    expect(properties[key]).toBe(value);
  });
});

describe('brokerProperties with a secure listener', () => {
  const properties = brokerProperties({
    clientPort: 19092,
    controllerPort: 19093,
    logDir: '/tmp/k/logs',
    secure: { port: 19094, keystoreFile: '/tmp/k/keystore.pem' },
  });

  it.each([
    ['listeners', 'PLAINTEXT://127.0.0.1:19092,SASL_SSL://127.0.0.1:19094,CONTROLLER://127.0.0.1:19093'],
    ['advertised.listeners', 'PLAINTEXT://127.0.0.1:19092,SASL_SSL://127.0.0.1:19094'],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['sasl.enabled.mechanisms', 'SCRAM-SHA-256,SCRAM-SHA-512'],
    ['ssl.keystore.type', 'PEM'],
    ['ssl.keystore.location', '/tmp/k/keystore.pem'],
  ])('should set %s to %s', (key, value) => {
    expect(properties[key]).toBe(value);
  });

  it('should give both SCRAM mechanisms of the listener the SCRAM login module', () => {
    expect(properties['listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config']).toMatch(
      /ScramLoginModule required;$/,
    );
    expect(properties['listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config']).toMatch(
      /ScramLoginModule required;$/,
    );
  });
});

describe('scramCredentialArgs', () => {
  it('should add the user once per SCRAM mechanism', () => {
    expect(scramCredentialArgs({ name: 'app', password: 'pw' })).toEqual([
      '--add-scram',
      'SCRAM-SHA-256=[name=app,password=pw]',
      '--add-scram',
      'SCRAM-SHA-512=[name=app,password=pw]',
    ]);
  });
});

describe('renderProperties', () => {
  it('should render one key=value line each and escape backslashes', () => {
    expect(renderProperties({ 'node.id': '1', 'log.dirs': 'C:\\tmp\\k' })).toBe(
      'node.id=1\nlog.dirs=C:\\\\tmp\\\\k\n',
    );
  });
});

describe('newClusterId', () => {
  it('should be 22 base64url characters', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('should draw again when the id would start with a dash', () => {
    const draws = [Buffer.alloc(16, 0xfb), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift() as Buffer);
    expect(id.startsWith('-')).toBe(false);
    expect(draws).toHaveLength(0);
  });
});

describe('kafkaVersionFromPom', () => {
  it('should read the pinned version', () => {
    expect(kafkaVersionFromPom('<properties>\n  <kafka.version>4.1.2</kafka.version>\n</properties>')).toBe(
      '4.1.2',
    );
  });

  it('should fail without one', () => {
    expect(() => kafkaVersionFromPom('<project/>')).toThrow(/kafka\.version/);
  });
});

describe('javaArgs', () => {
  it('should put heap, log config and classpath before the main class', () => {
    const args = javaArgs({
      libsDir: '/c/libs',
      log4jConfig: '/c/log4j2.properties',
      mainClass: 'kafka.Kafka',
      args: ['/d/server.properties'],
    });
    expect(args).toEqual([
      '-Xms256m',
      '-Xmx512m',
      '-Djava.awt.headless=true',
      '-Dlog4j2.configurationFile=/c/log4j2.properties',
      '-cp',
      '/c/libs/*',
      'kafka.Kafka',
      '/d/server.properties',
    ]);
  });
});
