/** 岗位权限 — the role × permission matrix IT edits (least privilege). */
import { z } from 'zod';
import { Empty, PermissionSchema, Reason, RoleSchema } from './fields';
import { procedure } from './procedure';

export const MatrixView = z.record(RoleSchema, z.array(PermissionSchema));
export type MatrixView = z.infer<typeof MatrixView>;

export const roleProcedures = {
  'role.matrix': procedure({ input: Empty, output: MatrixView, access: 'role.read', audited: false }),
  'role.set': procedure({
    input: z.object({ role: RoleSchema, permissions: z.array(PermissionSchema), reason: Reason }).strict(),
    output: MatrixView,
    access: 'role.manage',
    audited: true,
    sensitive: true,
  }),
} as const;
