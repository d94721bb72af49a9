/** The citizen pages' messages (booking, rating, results each keep their own zh-CN/en table): one filler of {name} placeholders. */

/** `template` with its {name} placeholders filled (a missing parameter leaves an empty string). */
export function fillPlaceholders(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
