// Issue 11 item 5: nothing a citizen or staff member typed may reach the page as markup. Vue's text
// interpolation and attribute bindings escape; these are the ways around that, and none may appear in the app
// (the office console and print views included). Echarts tooltips encode their template values themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const RAW_HTML = [/\bv-html\b/, /\.innerHTML\b/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /\ballow-?html\b/i, /\bsrcdoc\b/, /createContextualFragment/]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return sources(path)
    return /\.(?:vue|ts)$/.test(name) ? [path] : []
  })
}

describe('no raw HTML sinks in the app', () => {
  it('finds none of v-html, innerHTML, insertAdjacentHTML, document.write, allow-html, srcdoc', () => {
    const files = sources(join(process.cwd(), 'src/app'))
    expect(files.length).toBeGreaterThan(100)
    const hits = files.flatMap(file => readFileSync(file, 'utf8').split('\n').flatMap((line, i) =>
      RAW_HTML.some(re => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
    expect(hits).toEqual([])
  })
})
