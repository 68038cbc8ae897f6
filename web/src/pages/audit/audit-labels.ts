import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cadreLevels, calendarDayKinds, unitKinds, unitLevels } from '../../api/types.ts';

// The audit log stores codes (unit.create, supervision_group, isPartyMember); the screen names
// them in the UI language and keeps the code beside the name, since the filters take codes.

type Names = Record<string, string | Record<string, string> | undefined>;

/** Actor names the server writes when no account acted. */
const machineActors = new Set(['system', 'cli']);

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** Names of audit codes in the UI language; `undefined` for a code it does not know. */
export function useAuditLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    void i18n.language;
    const actions = t('audit.actionNames', { returnObjects: true }) as Names;
    const subjects = t('audit.subjectNames', { returnObjects: true }) as Names;
    const fields = t('audit.fieldNames', { returnObjects: true }) as Names;
    const flat = (names: Names, code: string) => {
      const v = names[code];
      return typeof v === 'string' ? v : undefined;
    };
    return {
      /** `unit.create` → 新增单位. */
      action(code: string): string | undefined {
        const at = code.indexOf('.');
        const group = at > 0 ? actions[code.slice(0, at)] : undefined;
        return group && typeof group === 'object' ? group[code.slice(at + 1)] : undefined;
      },
      /** `supervision_group` → 督导组. */
      subject: (code: string) => flat(subjects, code),
      /** `isPartyMember` → 中共党员. */
      field: (name: string) => flat(fields, name),
      /** The actor as shown: machine actors are named, accounts by username. */
      actor: (name: string) => (machineActors.has(name) ? (name === 'cli' ? t('audit.cli') : t('audit.system')) : name),
      /** A snapshot value as shown: empty, yes/no, enumerations by name, other values as they are. */
      value(field: string, v: unknown): string {
        // A person without a cadre level is not a leading cadre (the people table shows it so too).
        if (field === 'cadreLevel' && v === null) return t('cadre.none');
        if (v === undefined || v === null || v === '') return t('common.empty');
        if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
        if (field === 'kind' && isOneOf(unitKinds, v)) return t(`kind.${v}`);
        if (field === 'kind' && isOneOf(calendarDayKinds, v)) return t(`calendar.kindNames.${v}`);
        if (field === 'level' && isOneOf(unitLevels, v)) return t(`level.${v}`);
        if (field === 'cadreLevel' && isOneOf(cadreLevels, v)) return t(`cadre.${v}`);
        if (typeof v === 'string') return v;
        return JSON.stringify(v);
      },
    };
  }, [t, i18n.language]);
}

/** Whether an actor name is one the server writes when no account acted. */
export const isMachineActor = (name: string) => machineActors.has(name);
