import { useState } from 'react';
import { Alert, App, Button, Modal, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.ts';
import type { ImportRowError } from '../api/types.ts';

/** What an import button says and does; the upload, row-error table and messages are shared. */
export interface FileImportButtonProps<R> {
  /** API path of the multipart import (field `file`). */
  path: string;
  label: string;
  testId: string;
  loadingText: string;
  failedTitle: string;
  hint: string;
  /** The success message for the server's answer. */
  doneText: (result: R) => string;
  /** Runs after a successful import (e.g. refresh queries). */
  onDone?: (result: R) => Promise<unknown> | void;
}

/** Uploads a CSV/XLSX through the API client; a refused file shows its row errors in a table. */
export function FileImportButton<R>({ path, label, testId, loadingText, failedTitle, hint, doneText, onDone }: FileImportButtonProps<R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; rows: ImportRowError[] } | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    const hide = message.loading(loadingText, 0);
    try {
      const r = await api.upload<R>(path, file);
      void message.success(doneText(r));
      await onDone?.(r);
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
        <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
          {label}
        </Button>
      </Upload>
      <Modal open={!!failure} title={failedTitle} onCancel={() => setFailure(null)} footer={<Button onClick={() => setFailure(null)}>{t('common.close')}</Button>} width={720}>
        {failure && (
          <>
            <Alert type="error" showIcon title={failure.message} description={hint} className="modal-alert" />
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
