/** The centred card used before sign-in (first run, login), with the language switch in the corner. */
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="sr-auth">
      <div className="sr-auth-lang">
        <LanguageSwitch />
      </div>
      <Card className="sr-auth-card">
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </main>
  );
}
