import { IsNotEmpty, IsString } from 'class-validator';
import { BaseEnv, ConfigError, loadConfig, trustedProxies, withPort } from './index';

class SampleEnv extends withPort(8081) {
  @IsString()
  @IsNotEmpty({ message: 'is required' })
  SECRET_TOKEN!: string;
}

describe('loadConfig', () => {
  it('should apply defaults and convert PORT to a number', () => {
    const config = loadConfig(SampleEnv, { SECRET_TOKEN: 'x' });
    expect(config.PORT).toBe(8081);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MANAGEMENT_PORT: '8081' }, 'MANAGEMENT_PORT'],
    [{ MANAGEMENT_PORT: 'ops' }, 'MANAGEMENT_PORT'],
    [{ TRUSTED_PROXIES: 'everyone' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.1,' }, 'TRUSTED_PROXIES'],
  ])('should name the variable when %p is malformed', (env, variable) => {
    expect(() => loadConfig(SampleEnv, { SECRET_TOKEN: 'x', ...env })).toThrow(new RegExp(`- ${variable}:`));
  });

  it('should list every problem at once without echoing values', () => {
    const attempt = () => loadConfig(SampleEnv, { PORT: 'hunter2' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/SECRET_TOKEN/);
      expect(problems).toMatch(/PORT/);
      expect(problems).not.toMatch(/hunter2/);
    }
  });

  it('should accept a list of brokers', () => {
    expect(loadConfig(BaseEnv, { KAFKA_BROKERS: 'a:9092,b.example:9093' }).KAFKA_BROKERS).toBe(
      'a:9092,b.example:9093',
    );
  });
});

describe('trustedProxies', () => {
  it("believes no peer's X-Forwarded-For unless proxies are configured", () => {
    expect(trustedProxies(loadConfig(SampleEnv, { SECRET_TOKEN: 'x' }))).toBe(false);
  });

  it('believes exactly the configured addresses and networks', () => {
    const config = loadConfig(SampleEnv, { SECRET_TOKEN: 'x', TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1,::1' });
    expect(trustedProxies(config)).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
  });
});
