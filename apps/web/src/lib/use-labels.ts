import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { customerKinds, dataScopes, grades, jobStates, orgUnitKinds, piiFields, roleCodes } from '../api/types';
import { permissionKey } from '../auth/permissions';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

// Localized names for codes; a code the UI does not know yet is shown as is rather than blank.
export function useLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      role: (code: string) => (member(roleCodes, code) ? t(`roleNames.${code}`) : code),
      permission: (code: string) => {
        const key = permissionKey(code);
        return key ? t(`permissionNames.${key}`) : code;
      },
      dataScope: (code: string) => (member(dataScopes, code) ? t(`dataScopes.${code}`) : code),
      piiField: (code: string) => (member(piiFields, code) ? t(`piiFields.${code}`) : code),
      orgKind: (code: string) => (member(orgUnitKinds, code) ? t(`orgKinds.${code}`) : code),
      grade: (code: string) => (member(grades, code) ? t(`grades.${code}`) : code),
      customerKind: (code: string) => (member(customerKinds, code) ? t(`customerKinds.${code}`) : code),
      jobState: (code: string) => (member(jobStates, code) ? t(`jobs.states.${code}`) : code),
    }),
    [t],
  );
}
