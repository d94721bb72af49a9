/**
 * Published evaluation results (SYNC-API.md "Public"; issue 9 item 7; 7.1.1), no login:
 *   GET /api/public/results                        → ResultsStationsAnswer
 *   GET /api/public/results/:stationId?from&to      → StationResults
 */
import { z } from 'zod'
import { satisfactionSummarySchema } from './satisfaction'

export const resultsStationSchema = z.object({ id: z.string(), name: z.string(), countyCode: z.string() })
export type ResultsStation = z.infer<typeof resultsStationSchema>

export const resultsStationsAnswerSchema = z.object({ stations: z.array(resultsStationSchema) })
export type ResultsStationsAnswer = z.infer<typeof resultsStationsAnswerSchema>

export const staffResultSchema = z.object({
  staffId: z.string(),
  /** Masked when the office says so (张*明). */
  name: z.string(),
  summary: satisfactionSummarySchema,
})
export type StaffResult = z.infer<typeof staffResultSchema>

export const stationResultsSchema = z.object({
  station: resultsStationSchema,
  from: z.string(),
  to: z.string(),
  namesMasked: z.boolean(),
  summary: satisfactionSummarySchema,
  staff: z.array(staffResultSchema),
})
export type StationResults = z.infer<typeof stationResultsSchema>
