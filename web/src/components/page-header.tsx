import type { ReactNode } from 'react';

/** Title row of a screen with its actions on the right. */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-row">
        <h2 className="page-title">{title}</h2>
        {extra && <div className="page-header-extra">{extra}</div>}
      </div>
      {children}
    </div>
  );
}
