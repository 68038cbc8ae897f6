import { Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRecordedSuggestions } from './text-api.ts';
import './text.css';

/**
 * The units the model suggested when the matter was taken in, under the dispatch dialog's unit
 * field; a click picks one. Nothing shows when none were recorded (no model, or taken in on
 * another channel).
 */
export function DispatchSuggestionHint({ matterId, onPick }: { matterId: string; onPick: (unitId: string) => void }) {
  const { t } = useTranslation();
  const q = useRecordedSuggestions(matterId);
  const unit = q.data?.find((s) => s.kind === 'unit');
  if (!unit?.suggested.length) return null;
  return (
    <div className="suggest-group" data-testid="dispatch-suggestions" style={{ marginTop: -16, marginBottom: 16 }}>
      <Typography.Text type="secondary">
        <BulbOutlined /> {t('text.suggest.dispatchHint')}
      </Typography.Text>
      {unit.suggested.map((s, i) => (
        <Tag key={s.id} className="suggest-tag" color={i === 0 ? 'blue' : undefined} onClick={() => onPick(s.id)} data-testid="dispatch-suggestion">
          {s.name} · {Math.round(s.confidence * 100)}%
        </Tag>
      ))}
    </div>
  );
}
