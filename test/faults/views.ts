import { Topics, type DirectoryUser, type SubjectDocument } from '@app/contracts';
import { callJson } from '@app/testing';
import { readTopic } from '../../libs/kafka/src/testing';
import { FaultCluster } from './fault-cluster';
import { diffView, Difference, expectedUser, ExpectedUser, subjectView, ViewUser } from './view-diff';

export interface Comparison {
  truth: ExpectedUser[];
  differences: Difference[];
}

/** The simulator's users (listed or resigned) as every view must end up holding them. */
export function groundTruth(cluster: FaultCluster): ExpectedUser[] {
  return cluster.simulator.org.users().map(expectedUser);
}

export async function directoryView(cluster: FaultCluster): Promise<Map<string, ViewUser>> {
  const users = await callJson<DirectoryUser[]>(
    'GET',
    `${cluster.url('directory')}/api/idps/${cluster.idpId}/users`,
    cluster.adminToken,
  );
  return new Map(users.map((user) => [user.openId, { ...user }]));
}

/** `sase.subjects.v1` read from the topic itself: the latest record per key, tombstones removing the subject. */
export async function topicView(cluster: FaultCluster): Promise<Map<string, ViewUser>> {
  const records = await readTopic(cluster.kafka(), Topics.saseSubjects, { timeoutMs: 60_000 });
  const prefix = `${cluster.idpId}:`;
  const latest = new Map<string, ViewUser>();
  for (const record of records) {
    if (!record.key.startsWith(prefix)) continue;
    const openId = record.key.slice(prefix.length);
    if (record.value === null) latest.delete(openId);
    else latest.set(openId, subjectView(JSON.parse(record.value) as SubjectDocument));
  }
  return latest;
}

/** The projector's query API, one subject at a time as a policy engine reads it, spread over its replicas. */
export async function queryApiView(cluster: FaultCluster, openIds: string[]): Promise<Map<string, ViewUser>> {
  const urls = cluster.urlsOf('policy-projector');
  const view = new Map<string, ViewUser>();
  for (const [index, openId] of openIds.entries()) {
    const response = await fetch(`${urls[index % urls.length]}/v1/idps/${cluster.idpId}/subjects/${openId}`, {
      headers: { authorization: `Bearer ${cluster.readerToken}` },
    });
    if (response.status === 404) continue;
    if (!response.ok) throw new Error(`subject ${openId}: HTTP ${response.status}`);
    view.set(openId, subjectView((await response.json()) as SubjectDocument));
  }
  return view;
}

export async function compareWithTruth(cluster: FaultCluster): Promise<Comparison> {
  const truth = groundTruth(cluster);
  const [directory, topic, api] = await Promise.all([
    directoryView(cluster),
    topicView(cluster),
    queryApiView(
      cluster,
      truth.map((user) => user.openId),
    ),
  ]);
  return {
    truth,
    differences: [
      ...diffView('directory', truth, directory),
      ...diffView('topic', truth, topic),
      ...diffView('query API', truth, api),
    ],
  };
}
