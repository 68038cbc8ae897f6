import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Empty, Input, Spin, Tag, Tree, Typography, type GetRef, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitTree } from '../../api/queries.ts';
import { ancestorIds, buildUnitTree, filterUnitTree, type UnitNode } from '../../lib/unit-tree.ts';
import { useElementHeight } from '../../lib/use-element-height.ts';
import { UnitKindIcon } from '../../components/unit-kind-icon.tsx';
import type { Unit } from '../../api/types.ts';

function highlight(name: string, q: string): ReactNode {
  const needle = q.trim();
  if (!needle) return name;
  const at = name.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return name;
  return (
    <>
      {name.slice(0, at)}
      <mark className="tree-match">{name.slice(at, at + needle.length)}</mark>
      {name.slice(at + needle.length)}
    </>
  );
}

/** Left panel of 组织架构: searchable unit tree; selecting a unit opens its detail. */
export function UnitTreePanel({ selectedId, onSelect }: { selectedId: string | undefined; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const tree = useUnitTree();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(boxRef);

  const items = tree.data;
  const byId = useMemo(() => new Map((items ?? []).map((u) => [u.id, u])), [items]);
  const roots = useMemo(() => buildUnitTree(items ?? []), [items]);
  const filtered = useMemo(() => filterUnitTree(roots, query), [roots, query]);
  const searching = query.trim() !== '';

  const [expanded, setExpanded] = useState<string[]>([]);
  // Browsing: roots open and the path to the selected unit open. Searching: every match visible.
  useEffect(() => {
    if (searching) setExpanded(filtered.expandIds);
  }, [searching, filtered]);
  useEffect(() => {
    if (searching || !items) return;
    setExpanded((prev) => {
      const want = new Set([...prev, ...roots.map((r) => r.unit.id), ...(selectedId ? ancestorIds(byId, selectedId) : [])]);
      return want.size === prev.length ? prev : [...want];
    });
  }, [searching, items, roots, byId, selectedId]);

  useEffect(() => {
    if (!selectedId) return;
    // After the expansion above has rendered, bring the selected row into the virtual list's view.
    const h = window.setTimeout(() => treeRef.current?.scrollTo({ key: selectedId, align: 'auto' }), 50);
    return () => window.clearTimeout(h);
  }, [selectedId, items]);

  const treeData = useMemo(() => {
    const title = (u: Unit) => (
      <span className={`unit-node${u.isActive ? '' : ' unit-node-inactive'}${filtered.matchIds.has(u.id) ? ' unit-node-match' : ''}`} data-testid="unit-node" data-kind={u.kind} data-unit-id={u.id}>
        <UnitKindIcon kind={u.kind} />
        <span className="unit-node-name">{highlight(u.name, query)}</span>
        {!u.isActive && (
          <Tag className="unit-node-tag" variant="filled">
            {t('org.inactiveTag')}
          </Tag>
        )}
      </span>
    );
    const toData = (n: UnitNode): TreeDataNode => ({
      key: n.unit.id,
      title: title(n.unit),
      isLeaf: n.children.length === 0,
      children: n.children.map(toData),
    });
    return filtered.nodes.map(toData);
  }, [filtered, query, t]);

  return (
    <div className="unit-tree-panel">
      <Input.Search
        allowClear
        placeholder={t('org.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="org-search"
        className="unit-tree-search"
      />
      {searching && (
        <Typography.Text type="secondary" className="unit-tree-count">
          {filtered.matchIds.size > 0 ? t('org.matchCount', { count: filtered.matchIds.size }) : t('org.noMatch', { q: query.trim() })}
        </Typography.Text>
      )}
      <div className="unit-tree-box" ref={boxRef} data-testid="org-tree">
        {tree.isLoading ? (
          <div className="content-loading">
            <Spin />
          </div>
        ) : treeData.length === 0 ? (
          !searching && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Tree
            ref={treeRef}
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys, info) => {
              // Clicking the selected row again keeps it selected instead of clearing the detail.
              const key = keys[0] ?? info.node.key;
              onSelect(String(key));
            }}
            height={height > 0 ? height : undefined}
          />
        )}
      </div>
    </div>
  );
}
