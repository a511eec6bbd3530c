/** A page's heading; focusable so navigation can move focus to it. */
import { Typography } from 'antd';
import type { Ref } from 'react';

export function PageTitle({ text, headingRef }: { text: string; headingRef: Ref<HTMLHeadingElement> }) {
  return (
    <Typography.Title
      level={1}
      style={{ fontSize: 22, marginTop: 0 }}
      ref={headingRef}
      tabIndex={-1}
      className="sr-page-title"
    >
      {text}
    </Typography.Title>
  );
}
