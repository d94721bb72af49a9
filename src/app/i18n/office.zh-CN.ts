// The office console's own messages (its navigation, catalog, accounts, audit, follow-ups, people): not part of
// the counter's first screen; they load with the first office page (loadOfficeMessages in ./index.ts).
import officeAccountsZh from './officeAccounts.zh-CN'
import officeAuditZh from './officeAudit.zh-CN'
import officeCatalogZh from './officeCatalog.zh-CN'
import officeFollowUpsZh from './officeFollowUps.zh-CN'
import officeNavZh from './officeNav.zh-CN'
import officePeopleZh from './officePeople.zh-CN'

const officeZh = {
  officeNav: officeNavZh,
  officeCatalog: officeCatalogZh,
  officeFollowUps: officeFollowUpsZh,
  officeAccounts: officeAccountsZh,
  officeAudit: officeAuditZh,
  officePeople: officePeopleZh,
}

export type OfficeMessageSchema = typeof officeZh
export default officeZh
