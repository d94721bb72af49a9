/** Messages keyed by dotted codes ('case.returned') as the nested tree vue-i18n looks keys up in. */
export interface MessageTree { [key: string]: string | MessageTree }

export function nestMessages(flat: Readonly<Record<string, string>>): MessageTree {
  const tree: MessageTree = {}
  for (const [key, text] of Object.entries(flat)) {
    const parts = key.split('.')
    let node = tree
    for (const part of parts.slice(0, -1)) {
      const next = node[part]
      node = typeof next === 'object' ? next : (node[part] = {})
    }
    node[parts[parts.length - 1] ?? key] = text
  }
  return tree
}
