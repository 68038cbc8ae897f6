import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries.ts';
import type { ImportResult } from '../../api/types.ts';
import { FileImportButton } from '../../components/file-import-button.tsx';

/** Uploads a CSV/XLSX to POST /import/units|people; a refused file shows its row errors in a table. */
export function ImportButton({ target }: { target: 'units' | 'people' }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <FileImportButton<ImportResult>
      path={`/import/${target}`}
      label={target === 'units' ? t('org.importUnits') : t('org.importPeople')}
      testId={`import-${target}`}
      loadingText={t('org.importing')}
      failedTitle={t('org.importFailedTitle')}
      hint={t('org.importFileHint')}
      doneText={(r) => t('org.importDone', { created: r.created, updated: r.updated })}
      onDone={() => Promise.all([qc.invalidateQueries({ queryKey: keys.units }), qc.invalidateQueries({ queryKey: keys.people })])}
    />
  );
}
