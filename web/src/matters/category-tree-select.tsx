import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category } from '../api/types.ts';
import { useCategories } from './matter-api.ts';

interface Option {
  value: string;
  title: string;
  disabled?: boolean;
  children?: Option[];
}

/** The name of a category in the UI language (the English name when there is one). */
export function categoryLabel(c: Pick<Category, 'name' | 'nameEn'>, lang: string): string {
  return lang === 'en-US' && c.nameEn ? c.nameEn : c.name;
}

/** Categories by id with their full path ("住房 / 物业管理"), for lists that show a matter's category. */
export function useCategoryNames(): Map<string, string> {
  const { i18n } = useTranslation();
  const q = useCategories(true);
  return useMemo(() => {
    const byId = new Map((q.data?.items ?? []).map((c) => [c.id, c]));
    const out = new Map<string, string>();
    for (const c of byId.values()) {
      const parts: string[] = [];
      let cur: Category | undefined = c;
      while (cur && parts.length < 5) {
        parts.unshift(categoryLabel(cur, i18n.language));
        cur = cur.parentId ? byId.get(cur.parentId) : undefined;
      }
      out.set(c.id, parts.join(' / '));
    }
    return out;
  }, [q.data, i18n.language]);
}

/** Builds the forest of categories from the flat depth-first list (each item names its parent). */
export function buildCategoryTree<T>(items: Category[], toNode: (c: Category, children: T[]) => T): T[] {
  const children = new Map<string | null, Category[]>();
  const ids = new Set(items.map((c) => c.id));
  for (const c of items) {
    // A parent missing from the list (filtered out) makes the item a root.
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const build = (parent: string | null): T[] => (children.get(parent) ?? []).map((c) => toNode(c, build(c.id)));
  return build(null);
}

/**
 * Category picker over the tree (GET /categories), searchable; works as a Form control. With
 * `usableOnly`, categories the server marks unusable (deactivated, or under a deactivated one) are
 * shown greyed so the operator still sees where they were.
 */
export function CategoryTreeSelect(props: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  usableOnly?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}) {
  const { i18n } = useTranslation();
  const q = useCategories(!props.usableOnly);
  const treeData = useMemo(
    () =>
      buildCategoryTree<Option>(q.data?.items ?? [], (c, children) => ({
        value: c.id,
        title: categoryLabel(c, i18n.language),
        disabled: props.usableOnly ? !c.isUsable : false,
        children: children.length ? children : undefined,
      })),
    [q.data, i18n.language, props.usableOnly],
  );
  return (
    <TreeSelect<string>
      id={props.id}
      data-testid={props['data-testid']}
      treeData={treeData}
      loading={q.isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={props.allowClear ?? true}
      placeholder={props.placeholder}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      style={props.style}
      popupMatchSelectWidth={false}
      listHeight={360}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 260 } } }}
    />
  );
}
