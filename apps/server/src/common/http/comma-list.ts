// "a, b,,c" → ["a", "b", "c"]: the comma-separated filters of query strings.
export function commaList(value: string | undefined): string[] {
  return value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
}
