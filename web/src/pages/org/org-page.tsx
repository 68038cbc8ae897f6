import { useEffect, useMemo } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Card, Empty, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitTree } from '../../api/queries.ts';
import { buildUnitTree } from '../../lib/unit-tree.ts';
import { UnitTreePanel } from './unit-tree-panel.tsx';
import { UnitDetailView } from './unit-detail.tsx';

/** 组织架构: unit tree on the left, the selected unit (from the URL) on the right. */
export function OrgPage() {
  const { t } = useTranslation();
  const { unitId: routeUnitId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const tree = useUnitTree();
  const firstRoot = useMemo(() => buildUnitTree(tree.data ?? [])[0]?.unit.id, [tree.data]);
  // Without a unit in the URL the top of the caller's scope is shown; the URL is then completed
  // (on every such navigation, since a click on the menu can land here again with nothing changed).
  const unitId = routeUnitId ?? firstRoot;
  useEffect(() => {
    if (!routeUnitId && firstRoot) navigate(`/org/${firstRoot}`, { replace: true });
  }, [routeUnitId, firstRoot, navigate, location.key]);

  const select = (id: string) => navigate(`/org/${id}`);
  // The deleted unit's address is replaced, so going back does not land on a unit that is gone.
  const showAfterDelete = (parentId: string | null) => navigate(parentId ? `/org/${parentId}` : '/org', { replace: true });

  return (
    <div className="org-page">
      <Card className="org-tree-card" title={t('org.treeTitle')} size="small">
        {tree.error ? <Result status="warning" title={tree.error.message} /> : <UnitTreePanel selectedId={unitId} onSelect={select} />}
      </Card>
      <div className="org-detail">
        {unitId ? (
          <UnitDetailView unitId={unitId} onSelect={select} onDeleted={showAfterDelete} />
        ) : (
          <Card>
            <Empty description={t('org.selectHint')} />
          </Card>
        )}
      </div>
    </div>
  );
}
