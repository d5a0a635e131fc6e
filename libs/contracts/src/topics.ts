/** Topic names of larksync's streams; the list and its keys are part of the external contract. */
export const Topics = {
  larkEvents: 'lark.events.v1',
  directoryCommands: 'directory.commands.v1',
  directoryChanges: 'directory.changes.v1',
  saseSubjects: 'sase.subjects.v1',
  saseDepartments: 'sase.departments.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where messages that can never be processed go, with their error. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  compacted: boolean;
}

const PARTITIONS = 6;

/** Every topic larksync owns, as provisioned by `provisionTopics`. */
export const topicSpecs: readonly TopicSpec[] = [
  ...Object.values(Topics).map((name) => ({
    name,
    partitions: PARTITIONS,
    compacted: name.startsWith('sase.'),
  })),
  ...[Topics.larkEvents, Topics.directoryCommands, Topics.directoryChanges].map((name) => ({
    name: deadLetterTopic(name),
    partitions: 1,
    compacted: false,
  })),
];

/** Message key: idpId + entity id, so one entity's messages stay ordered on one partition. */
export function entityKey(idpId: string, entityId: string): string {
  return `${idpId}:${entityId}`;
}
