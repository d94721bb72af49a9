import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { usePinPolicyMessage } from '../../../src/app/composables/usePinPolicyMessage'
import { mountApp } from '../support/mountApp'

async function messagesIn(locale: 'zh-CN' | 'en'): Promise<(pin: string) => string | null> {
  let message: (pin: string) => string | null = () => null
  const Probe = defineComponent({
    setup() {
      message = usePinPolicyMessage()
      return () => h('div')
    },
  })
  // On an office page, as the office forms are: the office console's messages load with it.
  const { wrapper } = await mountApp(Probe, { locale, path: '/office' })
  wrapper.unmount()
  return message
}

describe('the PIN policy in the office forms, zh-CN first and English', () => {
  it('says which rule a PIN breaks, and nothing for a good one', async () => {
    const zh = await messagesIn('zh-CN')
    expect(zh('48291')).toBe('PIN至少6位数字')
    expect(zh('１１１１１１')).toContain('重复')
    expect(zh('012345')).toContain('连续')
    expect(zh(' 905613 ')).toBeNull()
    const en = await messagesIn('en')
    expect(en('48291')).toBe('A PIN has at least 6 digits')
    expect(en('4829154829154')).toBe('A PIN has at most 12 digits')
    expect(en('654321')).toContain('no runs')
    expect(en('123123')).toContain('no repeated')
    expect(en('12a456')).toBe('A PIN has digits only')
    expect(en('905613')).toBeNull()
  })
})
