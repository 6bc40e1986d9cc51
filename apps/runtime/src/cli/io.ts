export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}
