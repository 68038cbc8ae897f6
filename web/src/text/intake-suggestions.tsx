import { Card, Spin, Tag, Tooltip, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIntakeSuggestions, type KindSuggestion } from './text-api.ts';
import './text.css';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * 智能建议 beside the intake form: the models' top three categories (a click fills the form's
 * category) and responsible units (for the dispatch that follows), with confidence. Shown once
 * the title and description have some text; silent when the request fails.
 */
export function IntakeSuggestions({ title, description, categoryId, onUseCategory }: { title: string; description: string; categoryId?: string; onUseCategory: (id: string) => void }) {
  const { t } = useTranslation();
  const enabled = title.length >= 2 && description.length >= 4;
  const q = useIntakeSuggestions(title, description, enabled);
  if (!enabled || q.isError) return null;
  const group = (label: string, s: KindSuggestion | undefined, clickable: boolean, testId: string) => (
    <div className="suggest-group" data-testid={testId}>
      <div className="suggest-group-label">{label}</div>
      {!s ? null : s.items.length === 0 ? (
        <Typography.Text type="secondary" className="suggest-reason">
          {s.reason}
        </Typography.Text>
      ) : (
        s.items.map((item, i) => (
          <Tooltip key={item.id} title={clickable ? t('text.suggest.useCategory') : t('text.suggest.unitHint')}>
            <Tag
              className={clickable ? 'suggest-tag' : 'suggest-tag suggest-tag-static'}
              color={clickable && item.id === categoryId ? 'red' : i === 0 ? 'blue' : undefined}
              onClick={clickable ? () => onUseCategory(item.id) : undefined}
              data-testid={`${testId}-item`}
            >
              {item.name} · {percent(item.confidence)}
            </Tag>
          </Tooltip>
        ))
      )}
    </div>
  );
  return (
    <Card
      size="small"
      className="suggest-card"
      data-testid="intake-suggestions"
      title={
        <span>
          <BulbOutlined /> {t('text.suggest.title')}
        </span>
      }
    >
      {q.isLoading ? (
        <Spin size="small" />
      ) : (
        <>
          {group(t('text.suggest.category'), q.data?.category, true, 'suggest-category')}
          {group(t('text.suggest.unit'), q.data?.unit, false, 'suggest-unit')}
        </>
      )}
    </Card>
  );
}
