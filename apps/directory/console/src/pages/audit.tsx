import { Button, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { LoadState, useLoad } from '../load';
import { AuditRecord, Idp } from '../types';

const PAGE_SIZE = 20;
const SECRET_FIELD_DETAILS = ['credentialFieldsChanged', 'credentialFieldsSet'];

interface Filters {
  idpId?: string;
  actor?: string;
  since?: Dayjs | null;
}

interface AuditPage {
  records: AuditRecord[];
  nextCursor: string | null;
}

/** The top-level fields whose value differs between before and after, then the secret fields it names. */
function changedFields(record: AuditRecord): { fields: string[]; secrets: string[] } {
  const asObject = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  const before = asObject(record.before);
  const after = asObject(record.after);
  const fields =
    before && after
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
        )
      : [];
  const secrets = SECRET_FIELD_DETAILS.flatMap((key) => {
    const named = record.details?.[key];
    return Array.isArray(named) ? named.map(String) : [];
  });
  return { fields, secrets };
}

function queryOf(filters: Filters, cursor: string | undefined): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.idpId) query.set('idpId', filters.idpId);
  if (filters.actor?.trim()) query.set('actor', filters.actor.trim());
  if (filters.since) query.set('since', filters.since.startOf('day').toISOString());
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** The audit trail, newest first, filtered by IdP, actor and time, a page at a time. */
export function AuditPage() {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  // The cursors of the pages before this one; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [idps] = useLoad(() => api<Idp[]>('GET', '/idps'), []);
  const [state, reload] = useLoad(
    () => api<AuditPage>('GET', `/audit?${queryOf(filters, cursor)}`),
    [filters, cursor],
  );
  const idpList = idps.kind === 'ready' ? idps.value : [];
  const idpName = new Map(idpList.map((idp) => [idp.id, idp.name]));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Form<Filters>
        form={form}
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          setCursors([undefined]);
        }}
      >
        <Form.Item name="idpId" label={t('audit.idp')}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('credentials.allIdps')}
            options={idpList.map((idp) => ({ value: idp.id, label: idp.name }))}
          />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input placeholder={t('audit.actorHelp')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="since" label={t('audit.since')}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('audit.filter')}
        </Button>
      </Form>
      <LoadState state={state} reload={reload}>
        {({ records, nextCursor }) =>
          records.length === 0 && cursors.length === 1 ? (
            <Empty description={t('audit.empty')} />
          ) : (
            <>
              <Table<AuditRecord>
                rowKey="id"
                dataSource={records}
                pagination={false}
                columns={[
                  {
                    title: t('audit.when'),
                    render: (_, record) => new Date(record.at).toLocaleString(language),
                  },
                  { title: t('audit.actor'), render: (_, record) => record.credential.name },
                  { title: t('audit.action'), render: (_, record) => <Tag>{record.action}</Tag> },
                  {
                    title: t('audit.idp'),
                    render: (_, record) => (record.idpId ? (idpName.get(record.idpId) ?? record.idpId) : '—'),
                  },
                  {
                    title: t('audit.changed'),
                    render: (_, record) => {
                      const { fields, secrets } = changedFields(record);
                      if (fields.length === 0 && secrets.length === 0) return '—';
                      return (
                        <Space size={[4, 4]} wrap>
                          {fields.map((field) => (
                            <Tag key={field}>{field}</Tag>
                          ))}
                          {secrets.map((field) => (
                            <Tag key={`secret-${field}`}>{t('audit.secretField', { field })}</Tag>
                          ))}
                        </Space>
                      );
                    },
                  },
                ]}
              />
              <Space>
                <Button
                  disabled={cursors.length === 1}
                  onClick={() => setCursors((previous) => previous.slice(0, -1))}
                >
                  {t('audit.previous')}
                </Button>
                <Button
                  disabled={nextCursor === null}
                  onClick={() => nextCursor && setCursors((previous) => [...previous, nextCursor])}
                >
                  {t('audit.next')}
                </Button>
              </Space>
            </>
          )
        }
      </LoadState>
    </Space>
  );
}
