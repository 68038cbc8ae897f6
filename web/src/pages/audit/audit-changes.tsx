import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types.ts';
import { prettyJson } from '../../lib/format.ts';
import { useAuditLabels } from './audit-labels.ts';

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Top-level fields whose value differs between the two snapshots. */
function changedFields(before: unknown, after: unknown): Change[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return names.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/** Expanded row of the audit table: the changed fields, then both snapshots as JSON. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const changes = changedFields(entry.before, entry.after);
  const bothObjects = asRecord(entry.before) !== null || asRecord(entry.after) !== null;
  return (
    <div className="audit-changes" data-testid="audit-changes">
      {bothObjects && (
        <>
          <Typography.Text strong>{t('audit.changes')}</Typography.Text>
          <Table<Change>
            size="small"
            className="audit-diff"
            rowKey="field"
            pagination={false}
            dataSource={changes}
            locale={{ emptyText: t('audit.noChanges') }}
            columns={[
              {
                title: t('audit.field'),
                dataIndex: 'field',
                width: 240,
                render: (v: string) => (
                  <span className="audit-named-code">
                    {labels.field(v) ?? <code>{v}</code>}
                    {labels.field(v) && <code className="audit-code">{v}</code>}
                  </span>
                ),
              },
              { title: t('audit.before'), dataIndex: 'before', render: (v: unknown, c) => <span className="diff-before">{labels.value(c.field, v)}</span> },
              { title: t('audit.after'), dataIndex: 'after', render: (v: unknown, c) => <span className="diff-after">{labels.value(c.field, v)}</span> },
            ]}
          />
        </>
      )}
      <Typography.Text strong>{t('audit.raw')}</Typography.Text>
      <div className="audit-json">
        <div>
          <div className="audit-json-label">{t('audit.before')}</div>
          <pre>{prettyJson(entry.before) || t('common.empty')}</pre>
        </div>
        <div>
          <div className="audit-json-label">{t('audit.after')}</div>
          <pre>{prettyJson(entry.after) || t('common.empty')}</pre>
        </div>
      </div>
    </div>
  );
}
