/** A short, content-free description of an error for the log: never its message, which may quote what people wrote. */
export type ErrorDescriber = (error: unknown) => { name: string; code?: string };

/** An error's name and its `code` property, if it has one; the outside world's ports may describe their own errors better. */
export const plainDescriber: ErrorDescriber = (error) => {
  const name = error instanceof Error ? error.name : typeof error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? { name, code } : { name };
};
