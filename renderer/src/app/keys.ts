/** react-query keys shared by several screens. */
export const STATUS_KEY = ['vault', 'status'] as const;
export const SESSION_KEY = ['session', 'current'] as const;
