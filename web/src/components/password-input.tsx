import { useState } from 'react';
import { Button, Input, Space } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { generatePassword } from '../lib/password.ts';

/** Password field with a "generate" button; a generated password is shown so it can be handed over. */
export function PasswordInput({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoComplete="new-password"
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        maxLength={256}
      />
      <Button
        icon={<ThunderboltOutlined />}
        onClick={() => {
          onChange?.(generatePassword());
          setVisible(true);
        }}
      >
        {t('accounts.generate')}
      </Button>
    </Space.Compact>
  );
}
