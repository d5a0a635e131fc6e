import { kafkaImageEnvironment } from './docker-infra';

describe('kafkaImageEnvironment', () => {
  it('should turn server properties into the apache/kafka image variables', () => {
    expect(kafkaImageEnvironment({ 'node.id': '1', 'offsets.topic.replication.factor': '1' })).toEqual({
      KAFKA_NODE_ID: '1',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    });
  });
});
