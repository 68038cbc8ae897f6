import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitTree } from '../api/queries.ts';
import { buildUnitTree, type UnitNode } from '../lib/unit-tree.ts';
import type { Unit } from '../api/types.ts';

interface Option {
  value: string;
  title: string;
  disabled?: boolean;
  children?: Option[];
}

interface CommonProps {
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Units that may not be chosen (e.g. a unit's own subtree as a move target). */
  isDisabled?: (unit: Unit) => boolean;
  style?: React.CSSProperties;
  className?: string;
  id?: string;
  'data-testid'?: string;
}

interface SingleProps extends CommonProps {
  multiple?: false;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
}

interface MultipleProps extends CommonProps {
  multiple: true;
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** Unit picker over the caller's scope (GET /units/tree), searchable by name; works as a Form control. */
export function UnitTreeSelect(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const tree = useUnitTree();
  const { isDisabled } = props;

  const treeData = useMemo(() => {
    const toOption = (n: UnitNode): Option => ({
      value: n.unit.id,
      title: n.unit.isActive ? n.unit.name : `${n.unit.name}（${t('org.inactiveTag')}）`,
      disabled: isDisabled?.(n.unit) ?? false,
      children: n.children.length ? n.children.map(toOption) : undefined,
    });
    return buildUnitTree(tree.data ?? []).map(toOption);
  }, [tree.data, isDisabled, t]);

  // Expand the first two levels: a county's townships are visible without clicking.
  const defaultExpanded = useMemo(() => treeData.flatMap((r) => [r.value, ...(r.children ?? []).filter((c) => c.children).map((c) => c.value)]).slice(0, 50), [treeData]);

  const common = {
    id: props.id,
    className: props.className,
    style: props.style,
    'data-testid': props['data-testid'],
    treeData,
    loading: tree.isLoading,
    showSearch: { treeNodeFilterProp: 'title' },
    allowClear: props.allowClear,
    disabled: props.disabled,
    placeholder: props.placeholder,
    treeDefaultExpandedKeys: defaultExpanded,
    popupMatchSelectWidth: false as const,
    styles: { popup: { root: { maxHeight: 420, minWidth: 280 } } },
    listHeight: 360,
  };

  if (props.multiple) {
    return <TreeSelect<string[]> {...common} multiple value={props.value} onChange={(v) => props.onChange?.(v ?? [])} />;
  }
  return <TreeSelect<string> {...common} value={props.value ?? undefined} onChange={(v) => props.onChange?.(v ?? undefined)} />;
}
