/** react-query keys shared by several screens. */
export const STATUS_KEY = ['vault', 'status'] as const;
export const SESSION_KEY = ['session', 'current'] as const;
/** First run's create and join calls: while one runs, the choice between them is locked. */
export const SETUP_MUTATION = ['setup'] as const;
