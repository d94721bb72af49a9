/**
 * 6.3.3.2 帮办 and 6.3.4.3 代办 steps on the case detail view: which are legal in the case's current state,
 * asked of the domain's caseTransitionError with a candidate event each (the fold stays the only judge).
 */
import type { AssistMode, CaseEventInput, CaseLoggedPayload, CaseState, CaseTerminatedPayload, SupplementContact } from '../../domain/case'
import { caseTransitionError } from '../../domain/case'
import { toCivilDate } from '../../domain/calendar'

/** A step staff can take on an open 帮办/代办 case. */
export type CaseAction = 'accompany' | 'assistMode' | 'log' | 'convert' | 'inProgress' | 'requestSupplement' | 'receiveSupplement' | 'suspend' | 'resume' | 'terminate' | 'renew'

export const caseActions: readonly CaseAction[] = ['accompany', 'assistMode', 'log', 'convert', 'inProgress', 'requestSupplement', 'receiveSupplement', 'suspend', 'resume', 'terminate', 'renew']

/** The 帮办 group of steps (6.3.3.2), in the order shown; the work log belongs to both groups. */
export const assistCaseActions: readonly CaseAction[] = ['accompany', 'assistMode', 'log', 'convert']

/** The 代办 group of steps (6.3.4.3), in the order shown. */
export const proxyCaseActions: readonly CaseAction[] = ['log', 'inProgress', 'requestSupplement', 'receiveSupplement', 'suspend', 'resume', 'terminate', 'renew']

const SHA_PLACEHOLDER = '0'.repeat(64)

/** A well-formed event of the action's type, to ask the domain whether that step is legal now. */
export function candidateEvent(action: CaseAction, at: string): CaseEventInput {
  const day = toCivilDate(at)
  switch (action) {
    case 'accompany':
      return { type: 'case.accompanied', payload: { mode: 'accompany' } }
    case 'assistMode':
      return { type: 'case.accompanied', payload: { mode: 'guidance' } }
    case 'log':
      return { type: 'case.logged', payload: { kind: 'note', text: '—' } }
    case 'convert':
      return { type: 'case.convertedToProxy', payload: { reason: '—' } }
    case 'inProgress':
      return { type: 'case.inProgress', payload: {} }
    case 'requestSupplement':
      return { type: 'case.supplementRequested', payload: { materials: [{ name: '—' }], contact: { method: 'phone', contactedAt: at, reached: true } } }
    case 'receiveSupplement':
      return { type: 'case.supplementReceived', payload: { materials: [{ name: '—', copies: 1, form: '原件' }], complete: true } }
    case 'suspend':
      return { type: 'case.suspended', payload: { reason: '—' } }
    case 'resume':
      return { type: 'case.resumed', payload: {} }
    case 'terminate':
      return { type: 'case.terminated', payload: { reason: '—', initiatedBy: 'principal', materialsReturned: [] } }
    case 'renew':
      return { type: 'case.renewed', payload: { entrustmentNumber: '—', validFrom: day, validTo: '2199-12-31', signatureSha256: SHA_PLACEHOLDER } }
  }
}

/** The actions legal on `state` at `at`: 帮办 steps only on 帮办 cases, 代办 steps only on 代办 ones. */
export function availableCaseActions(state: CaseState, at: string = new Date().toISOString()): CaseAction[] {
  return caseActions.filter((action) => {
    if (action === 'log')
      return state.kind !== 'intake' && state.status !== 'returned' && state.status !== 'handedOver'
    return caseTransitionError(state, candidateEvent(action, at), at) === null
  })
}

/** What the action form collects; each action reads the fields it needs. */
export interface CaseActionFields {
  /** Reason (convert, suspend, terminate) or text (work log) or note (others). */
  text: string
  /** A department: liaison partner, where materials were submitted, who asked for a supplement. */
  department: string
  mode: AssistMode
  logKind: CaseLoggedPayload['kind']
  /** Material names, one a line (supplement requested / received). */
  materials: string
  contactMethod: SupplementContact['method']
  reached: boolean
  /** Everything asked for came in. */
  complete: boolean
  initiatedBy: CaseTerminatedPayload['initiatedBy']
  /** CST date: expected resumption (suspend). */
  date: string
}

/** Defaults for an action on `state`: the case's department, the open supplement's materials, and so on. */
export function defaultActionFields(action: CaseAction, state: CaseState): CaseActionFields {
  const open = state.supplements[state.supplements.length - 1]
  return {
    text: '',
    department: action === 'inProgress' || action === 'requestSupplement' ? state.department : '',
    mode: 'guidance',
    logKind: 'note',
    materials: action === 'receiveSupplement' && open ? open.materials.map(m => m.name).join('\n') : '',
    contactMethod: 'phone',
    reached: true,
    complete: true,
    initiatedBy: 'principal',
    date: '',
  }
}

/** The i18n key (under `proxy.errors`) of what is missing for `action`, or null. */
export function actionProblem(action: CaseAction, f: CaseActionFields): string | null {
  const needsText: CaseAction[] = ['log', 'convert', 'suspend', 'terminate']
  if (needsText.includes(action) && f.text.trim() === '')
    return action === 'log' ? 'textRequired' : 'reasonRequired'
  if (action === 'log' && f.logKind === 'liaison' && f.department.trim() === '')
    return 'departmentRequired'
  if ((action === 'requestSupplement' || action === 'receiveSupplement') && lines(f.materials).length === 0)
    return 'materialsRequired'
  return null
}

function lines(text: string): string[] {
  return [...new Set(text.split(/[\n、，,；;]/).map(s => s.trim()).filter(Boolean))]
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim())

/** The event `action` records with these fields at `at` (renewals are built by the store: they need a number and a signature). */
export function actionEvent(action: Exclude<CaseAction, 'renew'>, f: CaseActionFields, state: CaseState, at: string): CaseEventInput {
  switch (action) {
    case 'accompany':
      return { type: 'case.accompanied', payload: { mode: 'accompany', department: orNull(f.department), note: orNull(f.text) } }
    case 'assistMode':
      return { type: 'case.accompanied', payload: { mode: f.mode, department: orNull(f.department), note: orNull(f.text) } }
    case 'log':
      return { type: 'case.logged', payload: { kind: f.logKind, department: f.logKind === 'liaison' ? orNull(f.department) : null, text: f.text.trim() } }
    case 'convert':
      return { type: 'case.convertedToProxy', payload: { reason: f.text.trim() } }
    case 'inProgress':
      return { type: 'case.inProgress', payload: { submittedTo: orNull(f.department), note: orNull(f.text) } }
    case 'requestSupplement':
      return { type: 'case.supplementRequested', payload: { materials: lines(f.materials).map(name => ({ name })), requestedBy: orNull(f.department), contact: { method: f.contactMethod, contactedAt: at, reached: f.reached, note: orNull(f.text) } } }
    case 'receiveSupplement':
      return { type: 'case.supplementReceived', payload: { materials: lines(f.materials).map(name => ({ name, copies: 1, form: '原件' as const })), complete: f.complete, note: orNull(f.text) } }
    case 'suspend':
      return { type: 'case.suspended', payload: { reason: f.text.trim(), expectedResumeDate: orNull(f.date) } }
    case 'resume':
      return { type: 'case.resumed', payload: { note: orNull(f.text) } }
    case 'terminate':
      // 终止单: the materials the principal handed over go back to them.
      return { type: 'case.terminated', payload: { reason: f.text.trim(), initiatedBy: f.initiatedBy, materialsReturned: state.entrustment?.materials ?? [] } }
  }
}
