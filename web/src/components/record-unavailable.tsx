import { Link } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { isApiError } from '../api/client.ts';

/** The spinner a record page shows while its record loads. */
export function RecordLoading() {
  return (
    <div className="content-loading">
      <Spin />
    </div>
  );
}

/**
 * What a record page shows when its record did not load: "not found" for a 404 (outside the
 * caller's scope answers the same) or a malformed id (400), otherwise the error, with a way back.
 */
export function RecordUnavailable(props: {
  error: unknown;
  notFoundTitle: string;
  notFoundHint?: string;
  loadFailedTitle: string;
  backTo: string;
  backLabel: string;
  /** data-testid when not found, and when loading failed otherwise. */
  testIds: { notFound: string; failed: string };
}) {
  const notFound = isApiError(props.error) && (props.error.status === 404 || props.error.status === 400);
  const message = props.error instanceof Error ? props.error.message : undefined;
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? props.notFoundTitle : props.loadFailedTitle}
      subTitle={notFound ? props.notFoundHint : message}
      data-testid={notFound ? props.testIds.notFound : props.testIds.failed}
      extra={
        <Link to={props.backTo}>
          <Button type="primary">{props.backLabel}</Button>
        </Link>
      }
    />
  );
}
