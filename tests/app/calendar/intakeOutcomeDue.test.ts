import { mount } from '@vue/test-utils'
import Vant from 'vant'
import { describe, expect, it } from 'vitest'
import IntakeStepOutcome from '../../../src/app/components/intake/IntakeStepOutcome.vue'
import { createAppI18n } from '../../../src/app/i18n'
import { createWorkCalendar } from '../../../src/domain/calendar'
import fixture2027 from '../../fixtures/calendar-2027.json'

function preview(due: ReturnType<ReturnType<typeof createWorkCalendar>['provisionalDueAfterWorkdays']>): string {
  const wrapper = mount(IntakeStepOutcome, {
    props: { 'modelValue': 'accept', 'reason': '', 'missing': [], due, 'promisedLimitWorkdays': 15, 'onUpdate:modelValue': () => {}, 'onUpdate:reason': () => {} },
    global: { plugins: [createAppI18n('zh-CN'), Vant] },
  })
  const text = wrapper.find('[data-test="due-preview"]').text()
  wrapper.unmount()
  return text
}

describe('the intake outcome step shows the due it will record', () => {
  it('marks a due into an unpublished year 暂定 and says why; a final one carries no mark', () => {
    const provisional = preview(createWorkCalendar().provisionalDueAfterWorkdays('2026-12-20T10:00:00+08:00', 15))
    expect(provisional).toContain('2027年1月8日')
    expect(provisional).toContain('暂定')
    expect(provisional).toContain('2027 年节假日安排尚未发布')
    const final = preview(createWorkCalendar({ years: [fixture2027] }).provisionalDueAfterWorkdays('2026-12-20T10:00:00+08:00', 15))
    expect(final).toContain('2027年1月11日')
    expect(final).not.toContain('暂定')
  })
})
