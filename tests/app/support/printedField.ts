/**
 * What a printed paper shows for one field, without the field's label: the value cell of a table row
 * (`<tr data-field><th>label</th><td>value</td></tr>`), a section's content below its heading, or the text
 * after the full-width colon of a `label：value` line. A check on the whole field element would always pass,
 * since the label alone is text; checks on the value fail when the value is missing or wrong.
 */
export function printedField(root: ParentNode | null | undefined, field: string): string {
  const el = root?.querySelector(`[data-field="${field}"]`)
  if (!el)
    return ''
  const cells = el.querySelectorAll('td')
  if (cells.length > 0)
    return normalise(Array.from(cells, td => td.textContent ?? '').join(' '))
  const copy = el.cloneNode(true) as Element
  copy.querySelectorAll('th, h1, h2, h3, h4, dt, [data-label]').forEach(label => label.remove())
  const text = normalise(copy.textContent ?? '')
  const colon = text.indexOf('：')
  return colon >= 0 ? text.slice(colon + 1).trim() : text
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
