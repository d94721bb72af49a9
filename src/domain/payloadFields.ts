/**
 * The field schemas event payloads are built from (cases, consultations, ratings), with their Chinese
 * validation messages, so that every stream words the same mistake the same way.
 */
import { z } from 'zod'

/** A blob reference: lowercase hex SHA-256. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256')

/** An instant with its offset (events are recorded in CST, compared across offsets). */
export const instantSchema = z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间' })

/** Required free text: not blank, at most `max` characters. */
export const text = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`).regex(/\S/, '不能为空')

/** Optional free text (null or absent), at most `max` characters. */
export const optionalText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`).nullable().optional()
