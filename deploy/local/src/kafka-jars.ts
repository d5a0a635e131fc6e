import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logInfra, secondsSince } from './infra-log';
import { discardClassArchive } from './kafka-class-archive';
import { kafkaVersionFromPom } from './kafka-config';
import { OutputTail } from './output-tail';

export interface KafkaJars {
  version: string;
  cacheDir: string;
  libsDir: string;
  log4jConfig: string;
  downloaded: boolean;
}

const COMPLETE_MARKER = 'libs.complete';

/** Kafka's runtime classpath from Maven Central, cached under .cache/kafka/<version>; Maven runs only on a cold cache. */
export async function ensureKafkaJars(repoRoot: string): Promise<KafkaJars> {
  const pom = join(repoRoot, 'deploy', 'local', 'kafka', 'pom.xml');
  const version = kafkaVersionFromPom(readFileSync(pom, 'utf8'));
  const cacheDir = join(repoRoot, '.cache', 'kafka', version);
  const libsDir = join(cacheDir, 'libs');
  const log4jConfig = join(repoRoot, 'deploy', 'local', 'kafka', 'log4j2.properties');
  const marker = join(cacheDir, COMPLETE_MARKER);
  if (existsSync(marker)) return { version, cacheDir, libsDir, log4jConfig, downloaded: false };

  const startedAt = Date.now();
  logInfra(`fetching Kafka ${version} jars with Maven into ${libsDir}`);
  await discardClassArchive(cacheDir);
  await runMaven(pom, libsDir);
  const jars = readdirSync(libsDir).filter((name) => name.endsWith('.jar'));
  if (!jars.includes(`kafka_2.13-${version}.jar`))
    throw new Error(`Maven finished but ${libsDir} lacks kafka_2.13-${version}.jar`);
  writeFileSync(marker, `${jars.sort().join('\n')}\n`);
  logInfra(`Kafka ${version} jars ready (${jars.length} files) in ${secondsSince(startedAt)}`);
  return { version, cacheDir, libsDir, log4jConfig, downloaded: true };
}

function runMaven(pom: string, libsDir: string): Promise<void> {
  const args = [
    '-B',
    '-q',
    '-Dstyle.color=never',
    '-f',
    pom,
    `-Dkafka.libs.dir=${libsDir}`,
    'dependency:copy-dependencies@kafka-libs',
  ];
  const tail = new OutputTail();
  return new Promise((resolve, reject) => {
    const maven = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    tail.follow(maven.stdout);
    tail.follow(maven.stderr);
    maven.once('error', (error) =>
      reject(new Error(`cannot run mvn (is Maven installed?): ${error.message}`)),
    );
    maven.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      reject(
        new Error(
          `mvn ${args.join(' ')} failed (${signal ?? `exit ${code}`}); Maven Central must be reachable:\n${tail.text()}`,
        ),
      );
    });
  });
}
