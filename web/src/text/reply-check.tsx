import { useState } from 'react';
import { Alert, Button, Progress, Tooltip, Typography } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ReplyCheck as ReplyCheckResult } from './text-api.ts';
import './text.css';

const pct = (x: number) => Math.round(x * 100);

/**
 * 检查答复 under a reply text: relevance to the matter, completeness (what will be done, by whom,
 * by when, on what basis, whom to contact), timeliness and what is missing (POST /text/reply-check).
 * Advice only — it never blocks the reply. `check` is exposed so the form can run it on blur.
 */
export function useReplyCheck(matterId: string) {
  const [result, setResult] = useState<ReplyCheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkedText, setCheckedText] = useState<string | null>(null);
  const check = async (text: string | undefined) => {
    const v = (text ?? '').trim();
    if (!v || v === checkedText) return;
    setChecking(true);
    try {
      setResult(await api.post<ReplyCheckResult>('/text/reply-check', { matterId, text: v }));
      setCheckedText(v);
    } catch {
      // The check is a help: when it fails the reply goes out as written.
      setResult(null);
    } finally {
      setChecking(false);
    }
  };
  return { result, checking, check };
}

/** The button and the result of a reply check. */
export function ReplyCheckPanel({ result, checking, onCheck }: { result: ReplyCheckResult | null; checking: boolean; onCheck: () => void }) {
  const { t } = useTranslation();
  const status = (x: number) => (x >= 0.7 ? 'success' : x >= 0.4 ? 'normal' : 'exception');
  return (
    <div className="reply-check" data-testid="reply-check">
      <Tooltip title={t('text.replyCheck.note')}>
        <Button size="small" icon={<AuditOutlined />} loading={checking} onClick={onCheck} data-testid="reply-check-button">
          {checking ? t('text.replyCheck.checking') : t('text.replyCheck.button')}
        </Button>
      </Tooltip>
      {result && (
        <Alert
          className="reply-check-result"
          style={{ marginTop: 8 }}
          type={result.score >= 0.7 ? 'success' : result.score >= 0.4 ? 'info' : 'warning'}
          data-testid="reply-check-result"
          title={
            <div>
              <Typography.Text strong>{t('text.replyCheck.score', { value: pct(result.score) })}</Typography.Text>
              <div className="reply-check-scores">
                {(['relevance', 'completeness', 'timeliness'] as const).map((k) => (
                  <span key={k}>
                    {t(`text.replyCheck.${k}`)} <Progress percent={pct(result[k])} size="small" status={status(result[k])} style={{ width: 90, display: 'inline-block', margin: 0 }} />
                  </span>
                ))}
              </div>
              {result.missing.length ? (
                <>
                  <div>{t('text.replyCheck.missing')}</div>
                  <ul data-testid="reply-check-missing">
                    {result.missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <div>{t('text.replyCheck.allGood')}</div>
              )}
            </div>
          }
        />
      )}
    </div>
  );
}
