import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Footer of a keyset list: how many rows are shown, and a button for the next page. */
export function LoadMore({ count, hasNextPage, isFetchingNextPage, fetchNextPage }: { count: number; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <div className="load-more">
      <span className="load-more-count">{t('common.loadedCount', { count })}</span>
      {hasNextPage ? (
        <Button size="small" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        <span className="load-more-done">{t('common.noMore')}</span>
      )}
    </div>
  );
}
