import { describe, expect, it } from 'vitest'
import enCounter from '../../../src/app/i18n/en'
import officeEn from '../../../src/app/i18n/office.en'
import officeZh from '../../../src/app/i18n/office.zh-CN'
import zhCounter from '../../../src/app/i18n/zh-CN'

// Every message: the counter's (the first screen's) and the office console's (loaded with its first page).
const zhCN = { ...zhCounter, ...officeZh }
const en = { ...enCounter, ...officeEn }

function keyPaths(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keyPaths(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  ).sort()
}

function leaves(messages: object): [string, unknown][] {
  const values = Object.values(messages)
  return Object.keys(messages).flatMap((key, i) =>
    typeof values[i] === 'object' && values[i] !== null ? leaves(values[i] as object) : [[key, values[i]]],
  )
}

describe('i18n messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zhKeys = keyPaths(zhCN)
    expect(zhKeys.length).toBeGreaterThan(20)
    expect(keyPaths(en)).toEqual(zhKeys)
  })

  it('has no empty messages in either language', () => {
    for (const [key, value] of [...leaves(zhCN), ...leaves(en)])
      expect(value, key).toMatch(/\S/)
  })

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort()
    const enLeaves = new Map(keyPaths(en).map((path) => {
      const value = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en)
      return [path, value]
    }))
    for (const path of keyPaths(zhCN)) {
      const zhValue = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN)
      expect(placeholders(enLeaves.get(path)), path).toEqual(placeholders(zhValue))
    }
  })
})
