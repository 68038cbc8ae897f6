import { useState } from 'react';
import { Alert, App, Button, Modal, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { ImportResult, ImportRowError } from '../../api/types.ts';

interface Failure {
  message: string;
  rows: ImportRowError[];
}

/** Uploads a CSV/XLSX to POST /import/units|people; a refused file shows its row errors in a table. */
export function ImportButton({ target }: { target: 'units' | 'people' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    const hide = message.loading(t('org.importing'), 0);
    try {
      const r = await api.upload<ImportResult>(`/import/${target}`, file);
      void message.success(t('org.importDone', { created: r.created, updated: r.updated }));
      await Promise.all([qc.invalidateQueries({ queryKey: keys.units }), qc.invalidateQueries({ queryKey: keys.people })]);
    } catch (err) {
      setFailure({ message: err instanceof Error ? err.message : String(err), rows: isApiError(err) ? err.rowErrors : [] });
    } finally {
      hide();
      setBusy(false);
    }
  };

  return (
    <>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          void run(file);
          // Upload is only the file picker here; the request goes through the API client (CSRF, language).
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid={`import-${target}`}>
          {target === 'units' ? t('org.importUnits') : t('org.importPeople')}
        </Button>
      </Upload>
      <Modal open={!!failure} title={t('org.importFailedTitle')} onCancel={() => setFailure(null)} footer={<Button onClick={() => setFailure(null)}>{t('common.close')}</Button>} width={720}>
        {failure && (
          <>
            <Alert type="error" showIcon title={failure.message} description={t('org.importFileHint')} className="modal-alert" />
            {failure.rows.length > 0 && (
              <Table<ImportRowError>
                size="small"
                rowKey={(r) => `${r.row}:${r.field}:${r.message}`}
                dataSource={failure.rows}
                pagination={failure.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: t('org.importRow'), dataIndex: 'row', width: 80 },
                  { title: t('org.importField'), dataIndex: 'field', width: 160 },
                  { title: t('org.importMessage'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
