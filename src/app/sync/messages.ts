/** Staff-facing sync messages (zh-CN); the UI shows them as they are. */
import { HttpError, NetworkError, UnauthorizedError, UpdateRequiredError } from './client'

/** The watchdog stopped a sync that made no progress. */
export class SyncStuckError extends Error {
  override name = 'SyncStuckError'
}

/** This tablet has no enrollment yet. */
export class NotEnrolledError extends Error {
  override name = 'NotEnrolledError'
}

/** A file given to importUnsent() that cannot be imported; `message` is for staff. */
export class ImportRefusedError extends Error {
  override name = 'ImportRefusedError'
}

export const MESSAGES = {
  offline: '无法连接服务器，数据已保存在本机，恢复网络后自动上传',
  updateRequired: (min: string | null) => `请更新应用${min ? `（需要 ${min} 或更高版本）` : ''}，未上传的数据仍保存在本机`,
  unauthorized: '本设备已被停用或需要重新注册，未上传的数据仍保存在本机',
  notEnrolled: '本设备尚未注册，请输入注册码',
  stuck: '同步长时间无进展，已中止，稍后自动重试',
  quota: '本机存储空间不足，请清理空间后重试（数据未丢失）',
  server: (status: number) => `服务器暂时无法处理（HTTP ${status}），稍后自动重试`,
  tooLarge: 'event-too-large',
  noAnswer: '服务器未给出该记录的结果，稍后重试',
  serverFailsOnEvent: (status: number) => `服务器多次无法处理这条记录（HTTP ${status}），其余记录已正常上传；请将此情况告知主管机构`,
  blobHash: (sha: string) => `附件 ${sha.slice(0, 12)}… 校验失败，相关记录暂不上传`,
  blobType: (sha: string) => `附件 ${sha.slice(0, 12)}… 不是 JPEG、PNG 或 WebP 图片，服务器拒收，相关记录暂不上传`,
  blobQuota: '服务器上本站的附件存储已满，带附件的记录暂不上传（已保存在本机），请联系主管机构',
  locked: '本机数据已加密锁定，工作人员登录后继续同步（数据未丢失）',
  unknown: (detail: string) => `同步失败：${detail}`,
} as const

/** Turns any failure into the message staff see. */
export function describeSyncError(error: unknown): string {
  if (error instanceof UpdateRequiredError)
    return MESSAGES.updateRequired(error.minAppVersion)
  if (error instanceof UnauthorizedError)
    return MESSAGES.unauthorized
  if (error instanceof NotEnrolledError)
    return MESSAGES.notEnrolled
  if (error instanceof SyncStuckError)
    return MESSAGES.stuck
  if (error instanceof NetworkError)
    return MESSAGES.offline
  if (error instanceof HttpError)
    return error.status >= 500 || !error.serverMessage ? MESSAGES.server(error.status) : MESSAGES.unknown(error.serverMessage)
  // src/app/data/crypto/keyring.ts DataLockedError: no staff member is signed in, so the data key is not in memory.
  if (error instanceof Error && error.name === 'DataLockedError')
    return MESSAGES.locked
  if (error instanceof Error && error.name === 'QuotaExceededError')
    return MESSAGES.quota
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return MESSAGES.stuck
  return MESSAGES.unknown(error instanceof Error ? error.message : String(error))
}
