/** Thrown by `parseNarrow` for any malformed or unsupported narrow; safe to show to API clients. */
export class NarrowError extends Error {
  constructor(
    message: string,
    public readonly operator?: string,
    public readonly operand?: unknown,
  ) {
    super(message);
    this.name = 'NarrowError';
    // Keeps `instanceof NarrowError` working if the code is ever compiled to ES5.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
