import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Account, Page, Person } from '../api/types.ts';

export interface Option {
  value: string;
  label: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(h);
  }, [value, ms]);
  return v;
}

interface RemoteSelectProps<T> {
  queryKey: string;
  path: string;
  toOption: (item: T) => Option;
  /** Options for values already chosen, so a form opened for editing shows names, not ids. */
  known?: Option[];
  placeholder?: string;
  multiple?: boolean;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  /** Told the labels of what was picked, for forms that show the choice elsewhere. */
  onPicked?: (options: Option[]) => void;
  id?: string;
}

function RemoteSelect<T>({ queryKey, path, toOption, known = [], placeholder, multiple, value, onChange, onPicked, id }: RemoteSelectProps<T>) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const result = useQuery({
    queryKey: [queryKey, 'pick', q],
    queryFn: () => api.get<Page<T>>(path, { q: q || undefined, limit: 20 }),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Map<string, Option>();
    for (const o of known) seen.set(o.value, o);
    for (const item of result.data?.items ?? []) {
      const o = toOption(item);
      seen.set(o.value, o);
    }
    return [...seen.values()];
  }, [known, result.data, toOption]);

  return (
    <Select<string | string[]>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      mode={multiple ? 'multiple' : undefined}
      placeholder={placeholder}
      loading={result.isFetching}
      options={options}
      value={value ?? (multiple ? [] : undefined)}
      onChange={(v, picked) => {
        onChange?.(v ?? null);
        if (onPicked && picked) onPicked((Array.isArray(picked) ? picked : [picked]) as Option[]);
      }}
      onBlur={() => setSearch('')}
    />
  );
}

const personOption = (p: Person): Option => ({ value: p.id, label: `${p.name} · ${p.unitName}` });
const accountOption = (a: Account): Option => ({ value: a.id, label: `${a.displayName}（${a.username}）` });

/** Picks one person by name search (GET /people?q=). */
export function PersonSelect(props: { value?: string | null; onChange?: (v: string | null) => void; known?: Option[]; placeholder?: string; id?: string }) {
  return (
    <RemoteSelect<Person>
      queryKey="people"
      path="/people"
      toOption={personOption}
      known={props.known}
      placeholder={props.placeholder}
      value={props.value}
      id={props.id}
      onChange={(v) => props.onChange?.(typeof v === 'string' ? v : null)}
    />
  );
}

/** Picks several accounts by username/name search (GET /accounts?q=). */
export function AccountMultiSelect(props: { value?: string[]; onChange?: (v: string[]) => void; onPicked?: (o: Option[]) => void; known?: Option[]; placeholder?: string; id?: string }) {
  return (
    <RemoteSelect<Account>
      queryKey="accounts"
      path="/accounts"
      toOption={accountOption}
      known={props.known}
      placeholder={props.placeholder}
      multiple
      onPicked={props.onPicked}
      value={props.value}
      id={props.id}
      onChange={(v) => props.onChange?.(Array.isArray(v) ? v : [])}
    />
  );
}
